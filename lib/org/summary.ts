import { hasDataImpact, isRegionUnknown, type RegionOverview } from '@/lib/audit/summary';
import type { AccountAudit, AccountVerdict, OrgAccount, OrgAuditEvent, OrgAuditResult, OrgStructure, OrgVerdict } from '@/lib/org/types';
import { pluralize } from '@/lib/format/count';

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
  const accounts = (count: number) => pluralize(count, 'account');
  switch (verdict.kind) {
    case 'safe':
      return 'Safe: in every active account, every enabled region was read and no maintenance-window task relies on the role.';
    case 'blocked':
      return `Blocked: maintenance-window tasks rely on the role in ${accounts(verdict.blockedAccounts.length)}.${
        verdict.unknownAccounts.length > 0 ? ` ${verdict.unknownAccounts.length} more could not be read.` : ''
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

/** Which account a row is and where it sits: what is known before it is read. */
function toAccountIdentity(account: OrgAccount): Pick<AccountRow, 'id' | 'name' | 'ouPath' | 'status' | 'isCaller'> {
  return { id: account.id, name: account.name, ouPath: account.ouPath.join(' / '), status: getAccountStatusLabel(account), isCaller: account.isCaller };
}

export function toAccountRow(result: AccountAudit): AccountRow {
  const { account, outcome } = result;
  const regions = outcome.kind === 'scanned' ? outcome.audit.regions : null;
  return {
    ...toAccountIdentity(account),
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
  // A region without Systems Manager holds nothing that can use the role, like one that is not enabled.
  if (region.status.kind === 'not-enabled' || region.status.kind === 'no-ssm') return 'not-enabled';
  if (isRegionUnknown(region.status) || !region.counts) return 'unknown';
  if (region.counts.tasksOnRole > 0) return 'blocked';
  if (hasDataImpact(region.counts)) return 'data-impact';
  return 'clean';
}

/** Each region's state in one account (none for an account that was not read: the matrix shows it unknown). */
export function getAccountCells(result: AccountAudit): Record<string, CellState> {
  if (result.outcome.kind !== 'scanned') return {};
  return Object.fromEntries(result.outcome.audit.regions.map((region) => [region.region.code, getRegionCellState(region)]));
}

/** One account as the organization page shows it: its table row and its matrix cells. */
export interface AccountOverview extends AccountRow {
  cells: Record<string, CellState>;
}

export function toAccountOverview(result: AccountAudit): AccountOverview {
  return { ...toAccountRow(result), cells: getAccountCells(result) };
}

/** The structure without its accounts list (the overviews carry the accounts). */
export interface OrgStructureSummary {
  source: OrgStructure['source'];
  organizationId?: string;
  managementAccountId?: string;
  callerAccountId: string;
  tree: OrgStructure['tree'];
}

/** What the organization page needs of an audit: no findings, only figures and states. */
export interface OrgOverview {
  id: string;
  startedAt: string;
  finishedAt: string;
  verdict: OrgVerdict;
  structure: OrgStructureSummary;
  accounts: AccountOverview[];
}

function toStructureSummary(structure: OrgStructure): OrgStructureSummary {
  const { source, organizationId, managementAccountId, callerAccountId, tree } = structure;
  return { source, organizationId, managementAccountId, callerAccountId, tree };
}

export function toOrgOverview(audit: OrgAuditResult): OrgOverview {
  return {
    id: audit.id,
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    verdict: audit.verdict,
    structure: toStructureSummary(audit.structure),
    accounts: audit.accounts.map(toAccountOverview),
  };
}

/** A listed account before its audit ends: its place and status, with nothing read yet. */
export function toPendingAccountOverview(account: OrgAccount): AccountOverview {
  return {
    ...toAccountIdentity(account),
    rolePresent: null,
    lastUsedDate: null,
    lastUsedRegion: null,
    tasksOnRole: null,
    dataImpactRegions: null,
    regionsUnknown: null,
    verdict: 'unknown',
    problem: 'Not read yet',
    callerArn: null,
    cells: {},
  };
}

export type OrgOverviewEvent =
  | { type: 'started'; auditId: string; startedAt: string; structure: OrgStructureSummary; accounts: AccountOverview[] }
  | { type: 'account-progress'; auditId: string; accountId: string; regionsDone: number; regionsTotal: number }
  | { type: 'account'; auditId: string; account: AccountOverview; done: number; total: number }
  | { type: 'finished'; audit: OrgOverview }
  | { type: 'failed'; auditId: string; message: string };

export function toOrgOverviewEvent(event: OrgAuditEvent): OrgOverviewEvent {
  switch (event.type) {
    case 'started':
      return {
        type: 'started',
        auditId: event.auditId,
        startedAt: event.startedAt,
        structure: toStructureSummary(event.structure),
        accounts: event.structure.accounts.map(toPendingAccountOverview),
      };
    case 'account':
      return { ...event, account: toAccountOverview(event.account) };
    case 'finished':
      return { type: 'finished', audit: toOrgOverview(event.audit) };
    default:
      return event;
  }
}

/** The matrix's columns: every region any account reported, sorted. */
export function getMatrixRegions(accounts: ReadonlyArray<Pick<AccountOverview, 'cells'>>): string[] {
  const codes = new Set<string>();
  for (const account of accounts) for (const code of Object.keys(account.cells)) codes.add(code);
  return [...codes].sort();
}

/** A cell of the matrix: skipped for a skipped account, unknown wherever a region was not read. */
export function getCellState(account: Pick<AccountOverview, 'cells' | 'verdict'>, region: string): CellState {
  if (account.verdict === 'skipped') return 'skipped';
  return account.cells[region] ?? 'unknown';
}
