import { describe, expect, it } from 'vitest';
import { ORG_CSV_COLUMNS, toOrgAuditCsv, toOrgAuditJson } from '@/lib/org/export';
import type { OrgAuditResult } from '@/lib/org/types';

// The organization export: one CSV row per account with unread figures left empty, and JSON that parses back.

const audit: OrgAuditResult = {
  id: 'org-1',
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:00:30.000Z',
  target: 'sandbox',
  structure: { source: 'organizations', organizationId: 'o-abc', managementAccountId: '111111111111', callerAccountId: '111111111111', tree: [], accounts: [], warnings: [] },
  verdict: { kind: 'unknown', unknownAccounts: ['222222222222'] },
  accounts: [
    {
      account: { id: '111111111111', name: 'Management', status: 'ACTIVE', parentId: 'r-1', ouPath: [], isCaller: true },
      outcome: {
        kind: 'scanned',
        audit: {
          id: 'a',
          startedAt: '',
          finishedAt: '',
          verdict: { kind: 'safe' },
          warnings: [],
          regions: [
            {
              region: { code: 'us-east-1', name: 'US East (N. Virginia)', optInStatus: 'opt-in-not-required', isEnabled: true },
              status: { kind: 'ok' },
              counts: { windows: 1, tasksOnRole: 0, tasksOnCustomRoles: 1, inventoryAssociations: 0, dataSyncs: 0, resourceGroups: 0, taggedResources: 0 },
              warnings: [],
              finishedAt: '',
            },
          ],
        },
      },
      role: { exists: true, lastUsedDate: '2026-11-01T00:00:00.000Z', lastUsedRegion: 'us-east-1' },
      startedAt: '',
      finishedAt: '',
      callCount: 10,
    },
    {
      account: { id: '222222222222', name: '=cmd|evil, "quoted"', status: 'ACTIVE', parentId: 'ou-1', ouPath: ['Workloads', 'Prod'], isCaller: false },
      outcome: { kind: 'role-denied', error: { kind: 'access-denied', code: 'AccessDenied', message: 'not authorized' } },
      role: { exists: null },
      startedAt: '',
      finishedAt: '',
      callCount: 1,
    },
  ],
};

describe('organization export', () => {
  it('writes one CSV row per account, unread figures empty, formulas defused', () => {
    const lines = toOrgAuditCsv(audit).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ORG_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '2026-11-29T10:00:30.000Z,111111111111,Management,,ACTIVE,Safe to delete,yes,2026-11-01T00:00:00.000Z,us-east-1,0,0,0,,',
    );
    expect(lines[2]).toContain(`"'=cmd|evil, ""quoted"""`);
    expect(lines[2]).toContain(',Workloads / Prod,ACTIVE,Unknown,,,,,,,');
    expect(lines[2]).toContain('AccessDenied: not authorized');
  });

  it('writes JSON that parses back with every account, its verdict and each region’s state', () => {
    const document = JSON.parse(toOrgAuditJson(audit, '2026-11-29T11:00:00.000Z')) as {
      exportedAt: string;
      verdictSummary: string;
      accounts: Array<{ id: string; verdict: string; tasksOnRole: number | null; regions: Record<string, string> }>;
    };
    expect(document.exportedAt).toBe('2026-11-29T11:00:00.000Z');
    expect(document.verdictSummary).toContain('1 account could not be read');
    expect(document.accounts.map((account) => [account.id, account.verdict, account.tasksOnRole])).toEqual([
      ['111111111111', 'safe', 0],
      ['222222222222', 'unknown', null],
    ]);
    expect(document.accounts[0]?.regions).toEqual({ 'us-east-1': 'clean' });
  });
});
