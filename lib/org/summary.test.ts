import { describe, expect, it } from 'vitest';
import type { AuditOverview, RegionOverview } from '@/lib/audit/summary';
import type { RegionScanStatus } from '@/lib/audit/types';
import { getAccountVerdict, getCellState, getMatrixRegions, getOrgVerdict, isAccountInactive, toAccountOverview, toAccountRow } from '@/lib/org/summary';
import type { AccountAudit, AccountAuditOutcome, AccountRoleFacts } from '@/lib/org/types';

// Verdicts and figures of the organization audit, from hand-made account results.

const counts = { windows: 0, tasksOnRole: 0, tasksOnCustomRoles: 0, inventoryAssociations: 0, dataSyncs: 0, resourceGroups: 0, taggedResources: 0 };

function region(code: string, status: RegionScanStatus, figures: Partial<typeof counts> = {}): RegionOverview {
  const isRead = status.kind === 'ok';
  return {
    region: { code, name: code, optInStatus: 'opt-in-not-required', isEnabled: status.kind !== 'not-enabled' },
    status,
    counts: isRead ? { ...counts, ...figures } : null,
    warnings: [],
    finishedAt: '2026-11-29T00:00:00.000Z',
  };
}

function overview(regions: RegionOverview[], verdict: AuditOverview['verdict']): AuditOverview {
  return { id: 'a', startedAt: '', finishedAt: '', verdict, warnings: [], regions };
}

function account(id: string, outcome: AccountAuditOutcome, role: AccountRoleFacts = { exists: true }, status = 'ACTIVE'): AccountAudit {
  return {
    account: { id, name: `acct-${id}`, status, parentId: 'r-1', ouPath: ['Workloads'], isCaller: false },
    outcome,
    role,
    startedAt: '',
    finishedAt: '',
    callCount: 0,
  };
}

const ok: RegionScanStatus = { kind: 'ok' };
const denied = { kind: 'role-denied' as const, error: { kind: 'access-denied' as const, code: 'AccessDenied', message: 'not authorized' } };

const blocked = account('111111111111', {
  kind: 'scanned',
  audit: overview(
    [region('eu-west-1', ok, { windows: 1, tasksOnRole: 2 }), region('us-east-1', ok, { inventoryAssociations: 1 }), region('af-south-1', { kind: 'not-enabled' })],
    { kind: 'blocked', blockingTasks: 2, blockingRegions: ['eu-west-1'], unknownRegions: [] },
  ),
});
const clean = account('222222222222', { kind: 'scanned', audit: overview([region('eu-west-1', ok), region('us-east-1', ok)], { kind: 'safe' }) });
const noRole = account('333333333333', { kind: 'scanned', audit: overview([region('us-east-1', ok)], { kind: 'safe' }) }, { exists: false });
const roleDenied = account('444444444444', denied, { exists: null });
const suspended = account('555555555555', { kind: 'skipped', reason: 'suspended' }, { exists: null }, 'SUSPENDED');
const partlyRead = account('666666666666', {
  kind: 'scanned',
  audit: overview([region('us-east-1', ok), region('eu-west-1', { kind: 'timed-out', afterMs: 1000 })], { kind: 'unknown', unknownRegions: ['eu-west-1'] }),
});

describe('account verdicts', () => {
  it('calls an account blocked, safe, without role, unknown or skipped from its outcome', () => {
    expect(getAccountVerdict(blocked)).toBe('blocked');
    expect(getAccountVerdict(clean)).toBe('safe');
    expect(getAccountVerdict(noRole)).toBe('no-role');
    expect(getAccountVerdict(roleDenied)).toBe('unknown');
    expect(getAccountVerdict(account('7', { kind: 'timed-out', afterMs: 5 }))).toBe('unknown');
    expect(getAccountVerdict(suspended)).toBe('skipped');
    expect(getAccountVerdict(partlyRead)).toBe('unknown');
  });

  it('never calls an account safe when its role could not be read', () => {
    const roleUnread = account('8', { kind: 'scanned', audit: overview([region('us-east-1', ok)], { kind: 'safe' }) }, { exists: null });
    expect(getAccountVerdict(roleUnread)).toBe('unknown');
  });

  it('treats suspended, closing and closed accounts as inactive, by State or by Status', () => {
    expect(isAccountInactive({ status: 'SUSPENDED' })).toBe(true);
    expect(isAccountInactive({ status: 'ACTIVE', state: 'CLOSED' })).toBe(true);
    expect(isAccountInactive({ state: 'PENDING_CLOSURE' })).toBe(true);
    expect(isAccountInactive({ status: 'ACTIVE', state: 'ACTIVE' })).toBe(false);
    expect(isAccountInactive({})).toBe(false);
  });
});

describe('organization verdict', () => {
  it('is safe only when every active account is safe or has no role; skipped accounts do not count', () => {
    expect(getOrgVerdict([clean, noRole, suspended])).toEqual({ kind: 'safe' });
  });

  it('is unknown when one active account could not be read, even if the others are clean', () => {
    expect(getOrgVerdict([clean, roleDenied, suspended])).toEqual({ kind: 'unknown', unknownAccounts: ['444444444444'] });
  });

  it('is blocked when any account is blocked, and still names the unknown ones', () => {
    expect(getOrgVerdict([clean, blocked, roleDenied])).toEqual({
      kind: 'blocked',
      blockedAccounts: ['111111111111'],
      unknownAccounts: ['444444444444'],
    });
  });

  it('is unknown when every account was skipped: nothing was read', () => {
    expect(getOrgVerdict([suspended])).toEqual({ kind: 'unknown', unknownAccounts: [] });
  });
});

describe('account rows and the matrix', () => {
  it('sums tasks on the role, regions with data impact and unknown regions', () => {
    expect(toAccountRow(blocked)).toMatchObject({ tasksOnRole: 2, dataImpactRegions: 1, regionsUnknown: 0, rolePresent: true, verdict: 'blocked' });
    expect(toAccountRow(partlyRead)).toMatchObject({ tasksOnRole: 0, regionsUnknown: 1, verdict: 'unknown' });
  });

  it('leaves the figures of an unread account empty, never zero, and says why', () => {
    const row = toAccountRow(roleDenied);
    expect(row).toMatchObject({ tasksOnRole: null, dataImpactRegions: null, regionsUnknown: null, rolePresent: null });
    expect(row.problem).toContain('AccessDenied');
  });

  it('colours each cell by its state, with unread accounts unknown and suspended ones skipped', () => {
    const overviews = [blocked, clean, roleDenied, suspended].map(toAccountOverview);
    const regions = getMatrixRegions(overviews);
    expect(regions).toEqual(['af-south-1', 'eu-west-1', 'us-east-1']);
    expect(overviews.map((overview) => regions.map((code) => getCellState(overview, code)))).toEqual([
      ['not-enabled', 'blocked', 'data-impact'],
      ['unknown', 'clean', 'clean'],
      ['unknown', 'unknown', 'unknown'],
      ['skipped', 'skipped', 'skipped'],
    ]);
  });
});
