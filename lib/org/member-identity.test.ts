import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsError } from '@/lib/aws/errors';
import type { CallerIdentity } from '@/lib/aws/types';
import type { AccountAudit } from '@/lib/org/types';

// Which ARN the header shows for a member account: STS's answer through the member's clients when it is about
// that very account, else what the last organization audit recorded, and never the caller's own.

const sts = vi.hoisted(() => ({ answer: null as null | (() => Promise<CallerIdentity>), clientsFor: [] as Array<string | undefined> }));

vi.mock('@/lib/aws/clients', () => ({
  getAwsClients: (memberAccountId?: string) => {
    sts.clientsFor.push(memberAccountId);
    return { sts: () => ({ memberAccountId }) };
  },
}));
vi.mock('@/lib/aws/sts', () => ({ readCallerIdentity: () => sts.answer!() }));

const { getMemberIdentity } = await import('./member-identity');

const MEMBER = '210987654304';
const ASSUMED = `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard`;
const RECORDED = `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/recorded-session`;

function member(callerArn?: string): AccountAudit {
  return {
    account: { id: MEMBER, name: 'Shared Services', parentId: null, ouPath: [], isCaller: false },
    outcome: { kind: 'skipped', reason: 'test' },
    ...(callerArn ? { callerArn } : {}),
    role: { exists: true },
    startedAt: '2026-11-29T00:00:00.000Z',
    finishedAt: '2026-11-29T00:00:01.000Z',
    callCount: 0,
  };
}

function identity(accountId: string, arn: string): CallerIdentity {
  return { accountId, arn, userId: 'AROATEST:session', partition: 'aws' };
}

beforeEach(() => {
  sts.clientsFor = [];
});

describe('getMemberIdentity', () => {
  it('asks STS through the member account’s own clients and shows its assumed-role ARN', async () => {
    sts.answer = async () => identity(MEMBER, ASSUMED);
    await expect(getMemberIdentity(member(RECORDED))).resolves.toEqual({ accountId: MEMBER, accountName: 'Shared Services', assumedRoleArn: ASSUMED, source: 'sts' });
    expect(sts.clientsFor).toEqual([MEMBER]);
  });

  it('falls back to the organization audit’s record when the role cannot be assumed now', async () => {
    sts.answer = async () => {
      throw new AwsError({ kind: 'access-denied', code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' });
    };
    await expect(getMemberIdentity(member(RECORDED))).resolves.toMatchObject({ assumedRoleArn: RECORDED, source: 'organization-audit' });
    await expect(getMemberIdentity(member())).resolves.toMatchObject({ assumedRoleArn: null, source: 'none' });
  });

  it('never shows an identity of another account, such as the caller’s own', async () => {
    sts.answer = async () => identity('123456789012', 'arn:aws:iam::123456789012:user/sandbox-admin');
    await expect(getMemberIdentity(member(RECORDED))).resolves.toMatchObject({ assumedRoleArn: RECORDED, source: 'organization-audit' });
  });

  it('lets an unexpected failure through rather than hiding it', async () => {
    sts.answer = async () => {
      throw new TypeError('bug');
    };
    await expect(getMemberIdentity(member(RECORDED))).rejects.toThrow('bug');
  });
});
