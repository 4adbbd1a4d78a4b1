import { hasDataImpact, isRegionUnknown, type RegionOverview } from '@/lib/audit/summary';
import type { AccountAudit, AccountVerdict, OrgAccount, OrgAuditResult, OrgVerdict } from '@/lib/org/types';

// The organization audit's answers: one verdict per account, one for the organization, the figures of the
// accounts table and the state of each cell of the accounts × regions matrix. An account that was not read is
// unknown, never clean; the organization is safe only if every active account is.

/** Accounts that are suspended, closing or closed are listed and skipped: nothing can be read or changed there. */
export function isAccountInactive(account: Pick<OrgAccount, 'status' | 'state'>): boolean {
  const inactive = new Set(['SUSPENDED', 'PENDING_CLOSURE', 'CLOSED']);
  return (account.state !== undefined && inactive.has(account.state)) || (account.status !== undefined && inactive.has(account.status));
}

/** The account's lifecycle in one word, for tables: the newer State when AWS gives it, else Status. */
export function getAccountStatusLabel(account: Pick<OrgAccount, 'status' | 'state'>): string {
  return account.state ?? account.status ?? 'UNKNOWN';
}

export function getAccountVerdict(result: AccountAudit): AccountVerdict {
  const { outcome } = result;
  if (outcome.kind === 'skipped') return 'skipped';
  if (outcome.kind !== 'scanned') return 'unknown';
  const verdict = outcome.audit.verdict;
  if (verdict.kind === 'blocked') return 'blocked';
  if (verdict.kind === 'unknown') return 'unknown';
  // Safe means the role is there and nothing relies on it; without the role there is nothing to delete.
  if (result.role.exists === false) return 'no-role';
  if (result.role.exists === null) return 'unknown';
  return 'safe';
}

export const ACCOUNT_VERDICT_LABELS: Record<AccountVerdict, string> = {
  safe: 'Safe to delete',
  'no-role': 'No role',
  blocked: 'Blocked',
  unknown: 'Unknown',
  skipped: 'Skipped',
};

export function getOrgVerdict(accounts: AccountAudit[]): OrgVerdict {
  const blockedAccounts: string[] = [];
  const unknownAccounts: string[] = [];
  let readAccounts = 0;
  for (const result of accounts) {
    const verdict = getAccountVerdict(result);
    if (verdict === 'skipped') continue;
    if (verdict === 'blocked') blockedAccounts.push(result.account.id);
    if (verdict === 'unknown') unknownAccounts.push(result.account.id);
    else readAccounts += 1;
  }
  if (blockedAccounts.length > 0) return { kind: 'blocked', blockedAccounts, unknownAccounts };
  // An organization with no account read proves nothing.
  if (unknownAccounts.length > 0 || readAccounts === 0) return { kind: 'unknown', unknownAccounts };
  return { kind: 'safe' };
}

export function describeOrgVerdict(verdict: OrgVerdict): string {
  const accounts = (count: number) => `${count} account${count === 1 ? '' : 's'}`;
  switch (verdict.kind) {
    case 'safe':
      return 'Safe: in every active account, every enabled region was read and no maintenance-window task relies on the role.';
    case 'blocked':
      return `Blocked: maintenance-window tasks rely on the role in ${accounts(verdict.blockedAccounts.length)}.${
        verdict.unknownAccounts.length > 0 ? ` ${accounts(verdict.unknownAccounts.length)} more could not be read.` : ''
      }`;
    case 'unknown':
      return verdict.unknownAccounts.length > 0
        ? `Unknown: ${accounts(verdict.unknownAccounts.length)} could not be read, so the organization cannot be called safe.`
        : 'Unknown: no active account could be read.';
  }
}

/** One line of the accounts table and of its exports. Figures are null when the account was not read. */
export interface AccountRow {
  id: string;
  name: string;
  ouPath: string;
  status: string;
  isCaller: boolean;
  rolePresent: boolean | null;
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
  tasksOnRole: number | null;
  dataImpactRegions: number | null;
  regionsUnknown: number | null;
  verdict: AccountVerdict;
  /** Why the account was not read (AssumeRole denied, deadline, error), or null. */
  problem: string | null;
  callerArn: string | null;
}

function describeProblem(result: AccountAudit): string | null {
  const { outcome } = result;
  switch (outcome.kind) {
    case 'scanned':
      return null;
    case 'skipped':
      return outcome.reason;
    case 'role-denied':
      return `The access role could not be assumed (${outcome.error.code}: ${outcome.error.message})`;
    case 'timed-out':
      return `No answer within ${Math.round(outcome.afterMs / 1000)} s`;
    case 'error':
      return `${outcome.error.code}: ${outcome.error.message}`;
  }
}

export function toAccountRow(result: AccountAudit): AccountRow {
  const { account, outcome } = result;
  const regions = outcome.kind === 'scanned' ? outcome.audit.regions : null;
  return {
    id: account.id,
    name: account.name,
    ouPath: account.ouPath.join(' / '),
    status: getAccountStatusLabel(account),
    isCaller: account.isCaller,
    rolePresent: outcome.kind === 'scanned' ? result.role.exists : null,
    lastUsedDate: result.role.lastUsedDate ?? null,
    lastUsedRegion: result.role.lastUsedRegion ?? null,
    tasksOnRole: regions ? regions.reduce((sum, region) => sum + (region.counts?.tasksOnRole ?? 0), 0) : null,
    dataImpactRegions: regions ? regions.filter((region) => hasDataImpact(region.counts)).length : null,
    regionsUnknown: regions ? regions.filter((region) => isRegionUnknown(region.status)).length : null,
    verdict: getAccountVerdict(result),
    problem: describeProblem(result),
    callerArn: result.callerArn ?? null,
  };
}

export type CellState = 'blocked' | 'data-impact' | 'clean' | 'not-enabled' | 'unknown' | 'skipped';

export const CELL_STATE_LABELS: Record<CellState, string> = {
  blocked: 'Blocked',
  'data-impact': 'Data impact',
  clean: 'Clean',
  'not-enabled': 'Not enabled',
  unknown: 'Unknown',
  skipped: 'Skipped',
};

export function getRegionCellState(region: RegionOverview): CellState {
  if (region.status.kind === 'not-enabled') return 'not-enabled';
  if (isRegionUnknown(region.status) || !region.counts) return 'unknown';
  if (region.counts.tasksOnRole > 0) return 'blocked';
  if (hasDataImpact(region.counts)) return 'data-impact';
  return 'clean';
}

/** The matrix: every region any account reported, and each account's state in each (unknown when unread). */
export interface RegionMatrix {
  regions: string[];
  rows: Array<{ accountId: string; cells: CellState[] }>;
}

export function getRegionMatrix(audit: Pick<OrgAuditResult, 'accounts'>): RegionMatrix {
  const codes = new Set<string>();
  for (const result of audit.accounts) {
    if (result.outcome.kind === 'scanned') for (const region of result.outcome.audit.regions) codes.add(region.region.code);
  }
  const regions = [...codes].sort();
  const rows = audit.accounts.map((result) => {
    const { outcome } = result;
    if (outcome.kind === 'skipped') return { accountId: result.account.id, cells: regions.map((): CellState => 'skipped') };
    if (outcome.kind !== 'scanned') return { accountId: result.account.id, cells: regions.map((): CellState => 'unknown') };
    const byCode = new Map(outcome.audit.regions.map((region) => [region.region.code, region]));
    return {
      accountId: result.account.id,
      // A region this account did not list was not read in it: unknown.
      cells: regions.map((code): CellState => {
        const region = byCode.get(code);
        return region ? getRegionCellState(region) : 'unknown';
      }),
    };
  });
  return { regions, rows };
}
