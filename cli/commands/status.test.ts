import { describe, expect, it } from 'vitest';
import { formatStatusLine, type AccountStatus } from '@/cli/commands/status';
import type { RoleDetails } from '@/lib/aws/types';
import type { AuditResult } from '@/lib/audit/types';

const role = {
  roleName: 'AWSServiceRoleForAmazonSSM',
  arn: 'arn:aws:iam::111122223333:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM',
  path: '/aws-service-role/ssm.amazonaws.com/',
  roleId: 'AROAEXAMPLE',
  createDate: '2024-03-01T10:00:00.000Z',
  lastUsed: { date: '2026-11-20T08:00:00.000Z', region: 'eu-west-1' },
} as RoleDetails;

const audit = {
  id: 'a1',
  finishedAt: '2026-11-29T09:00:00.000Z',
  target: { target: 'aws', accountId: '111122223333', callerArn: '', partition: 'aws' },
  verdict: { kind: 'blocked', blockingTasks: 1, blockingRegions: ['eu-west-1'], unknownRegions: [] },
} as unknown as AuditResult;

const now = Date.parse('2026-11-29T12:00:00.000Z');

function status(overrides: Partial<AccountStatus>): AccountStatus {
  return { accountId: '111122223333', target: 'aws', role: { ok: true, role }, snapshot: { audit, isStale: false }, ...overrides };
}

describe('status line', () => {
  it('names the account, the role, its last use and the last audit’s verdict and age', () => {
    expect(formatStatusLine(status({}), now)).toBe(
      '111122223333  aws  role present (created 2024-03-01T10:00:00.000Z), last used 2026-11-20T08:00:00.000Z in eu-west-1  last audit blocked, 3 hours ago',
    );
  });

  it('says when the role is absent, never used, unreadable, or when there is no audit of this account', () => {
    expect(formatStatusLine(status({ role: { ok: true, role: null }, snapshot: null }), now)).toBe('111122223333  aws  role absent  no audit yet');
    expect(formatStatusLine(status({ role: { ok: true, role: { ...role, lastUsed: null } } }), now)).toContain('never used');
    expect(formatStatusLine(status({ role: { ok: false, error: { kind: 'access-denied', code: 'AccessDenied', message: 'no' } } }), now)).toContain(
      'role unreadable (AccessDenied)',
    );
    expect(formatStatusLine(status({ accountId: '999999999999' }), now)).toContain('no audit yet');
  });

  it('marks an audit made stale by a change', () => {
    const line = formatStatusLine(status({ snapshot: { audit, isStale: true, staleSince: '2026-11-29T10:00:00.000Z', staleReason: 'A task was moved' } }), now);
    expect(line).toContain('last audit blocked, 3 hours ago (stale: A task was moved)');
  });
});
