import 'server-only';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { readRoleFacts } from '@/lib/audit/run';
import { scanAllRegions, ScanMetrics } from '@/lib/audit/scanner';
import { Semaphore } from '@/lib/audit/semaphore';
import { toAuditOverview } from '@/lib/audit/summary';
import type { AuditResult } from '@/lib/audit/types';
import type { AwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getOrgVerdict, isAccountInactive, getAccountStatusLabel } from '@/lib/org/summary';
import type { AccountAudit, AccountAuditOutcome, AccountRoleFacts, OrgAccount, OrgAuditEvent, OrgAuditResult, OrgStructure } from '@/lib/org/types';

// The organization audit: every active account, every region, with the single-account scanner run once per
// account. Limits: a cap on calls in flight over the whole organization, a cap per account and one per region
// of an account (AWS throttles per account and region, so the organization can go much faster than one
// account), and a deadline per account. An account that cannot be opened or that runs out of time is unknown.

export interface OrgScanLimits {
  /** Calls in flight at once over every account (ATLAS_ORG_CONCURRENCY). */
  globalConcurrency: number;
  /** Calls in flight at once in one account. */
  accountConcurrency: number;
  /** Calls in flight at once in one region of one account. */
  regionConcurrency: number;
  /** Accounts being scanned at once; the others wait their turn, so each account's deadline measures its own scan. */
  accountsInParallel: number;
  /** Time one account may take, from its start, before it is reported as timed out (ATLAS_ORG_ACCOUNT_DEADLINE_MS). */
  accountDeadlineMs: number;
  /** Time one region of an account may take. */
  regionDeadlineMs: number;
}

export const DEFAULT_ORG_SCAN_LIMITS: OrgScanLimits = {
  globalConcurrency: 64,
  accountConcurrency: 16,
  regionConcurrency: 4,
  accountsInParallel: 8,
  accountDeadlineMs: 300_000,
  regionDeadlineMs: 60_000,
};

/** What the audit needs to read one account: its clients, and who the dashboard is there. */
export interface AccountConnection {
  clients: AwsClients;
  callerArn: string;
}

export interface OrgAuditOptions {
  structure: OrgStructure;
  target: 'sandbox' | 'aws';
  partition: string;
  homeRegion: string;
  /**
   * Opens one account: the caller's own clients, or a member account's through its access role. Throws (an
   * AwsError) when the role cannot be assumed.
   */
  connect: (account: OrgAccount, signal: AbortSignal) => Promise<AccountConnection>;
  /** Called once an account is done, to let go of its clients. */
  disconnect?: (account: OrgAccount) => void;
  limits?: Partial<OrgScanLimits>;
  auditId?: string;
  onEvent?: (event: OrgAuditEvent) => void;
  /** Receives each account's full audit (findings included), e.g. to store it for that account's pages. */
  onAccountAudit?: (accountId: string, audit: AuditResult) => void | Promise<void>;
  metrics?: ScanMetrics;
}

/** The scanner's counts over the whole organization, with each account's longest chain of dependent calls. */
export class OrgScanMetrics extends ScanMetrics {
  readonly accountChains = new Map<string, number>();

  /** The organization's longest chain: the slowest account's (its AssumeRole, then its own scan's chain). */
  longestChain(): number {
    return Math.max(0, ...this.accountChains.values());
  }
}

class AccountDeadlineError extends Error {
  constructor(readonly afterMs: number) {
    super(`The account did not finish within ${afterMs} ms`);
    this.name = 'AccountDeadlineError';
  }
}

/** Audits one active account under the organization's limits; never throws: every failure is an outcome. */
async function auditAccount(
  account: OrgAccount,
  options: OrgAuditOptions,
  limits: OrgScanLimits,
  shared: Semaphore,
  metrics: ScanMetrics,
  auditId: string,
): Promise<AccountAudit> {
  const startedAt = new Date().toISOString();
  // The account's own counts, also added to the organization's.
  const accountMetrics = new ScanMetrics(metrics);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const { signal } = controller;
  let callerArn: string | undefined;
  let role: AccountRoleFacts = { exists: null };
  // Calls outside the region scanner (AssumeRole, GetRole) count against the same organization-wide cap.
  const runShared = async <T>(operation: string, work: () => Promise<T>): Promise<T> =>
    shared.use(async () => {
      accountMetrics.recordStart(`${account.id}|global`, { operation }, false);
      try {
        return await work();
      } finally {
        accountMetrics.recordEnd();
      }
    }, signal);

  const work = async (): Promise<AccountAuditOutcome> => {
    let connection: AccountConnection;
    try {
      connection = await runShared('AssumeRole', () => options.connect(account, signal));
    } catch (error) {
      if (signal.aborted) throw error;
      const info = toAwsError(error);
      return info.kind === 'access-denied' ? { kind: 'role-denied', error: info.toInfo() } : { kind: 'error', error: info.toInfo() };
    }
    callerArn = connection.callerArn;
    // The role's own facts are read beside the regions, not before them: nothing in the scan waits for them.
    const roleReading = runShared('GetRole', () => readRoleFacts(connection.clients.iam(), signal));
    const scanning = scanAllRegions({
      clients: connection.clients,
      homeRegion: options.homeRegion,
      target: { target: options.target, accountId: account.id, callerArn: connection.callerArn, partition: options.partition },
      role: { exists: false },
      limits: {
        globalConcurrency: limits.accountConcurrency,
        regionConcurrency: limits.regionConcurrency,
        regionDeadlineMs: limits.regionDeadlineMs,
      },
      metrics: accountMetrics,
      sharedSemaphore: shared,
      signal,
      onEvent: (event) => {
        if (event.type === 'region') {
          options.onEvent?.({ type: 'account-progress', auditId, accountId: account.id, regionsDone: event.done, regionsTotal: event.total });
        }
      },
    });
    const [roleRead, scanned] = await Promise.all([roleReading, scanning]);
    role = roleRead.isRead ? roleRead.role : { exists: null };
    const audit: AuditResult = {
      ...scanned,
      roleExists: roleRead.role.exists,
      roleLastUsedRegion: roleRead.role.lastUsedRegion,
      roleLastUsedDate: roleRead.role.lastUsedDate,
      warnings: [...roleRead.warnings, ...(scanned.warnings ?? [])],
    };
    await options.onAccountAudit?.(account.id, audit);
    return { kind: 'scanned', audit: toAuditOverview(audit) };
  };

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AccountDeadlineError(limits.accountDeadlineMs);
      controller.abort(error);
      reject(error);
    }, limits.accountDeadlineMs);
  });
  let outcome: AccountAuditOutcome;
  try {
    outcome = await Promise.race([work(), deadline]);
    if (metrics instanceof OrgScanMetrics) metrics.accountChains.set(account.id, (account.isCaller ? 0 : 1) + accountMetrics.criticalPathCalls());
  } catch (error) {
    outcome =
      signal.aborted || error instanceof AccountDeadlineError
        ? { kind: 'timed-out', afterMs: limits.accountDeadlineMs }
        : { kind: 'error', error: toAwsError(error).toInfo() };
  } finally {
    clearTimeout(timer);
    if (!signal.aborted) controller.abort(new Error('The account scan is over'));
    options.disconnect?.(account);
  }
  return {
    account,
    outcome,
    ...(callerArn ? { callerArn } : {}),
    role: outcome.kind === 'scanned' ? role : { exists: null },
    startedAt,
    finishedAt: new Date().toISOString(),
    callCount: accountMetrics.calls,
  };
}

function skip(account: OrgAccount): AccountAudit {
  const now = new Date().toISOString();
  return {
    account,
    outcome: { kind: 'skipped', reason: `The account is ${getAccountStatusLabel(account).toLowerCase().replace(/_/g, ' ')}: it is listed, not scanned.` },
    role: { exists: null },
    startedAt: now,
    finishedAt: now,
    callCount: 0,
  };
}

/**
 * Audits every account of the structure (suspended and closing ones are listed and skipped) and returns the
 * result with the organization's verdict. Accounts are reported as they finish; the result keeps the
 * structure's order.
 */
export async function auditOrganization(options: OrgAuditOptions): Promise<OrgAuditResult> {
  const limits: OrgScanLimits = { ...DEFAULT_ORG_SCAN_LIMITS, ...options.limits };
  const metrics = options.metrics ?? new ScanMetrics();
  const auditId = options.auditId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const shared = new Semaphore(limits.globalConcurrency);
  const turns = new Semaphore(limits.accountsInParallel);
  const { structure } = options;
  options.onEvent?.({ type: 'started', auditId, startedAt, structure });

  let done = 0;
  const total = structure.accounts.length;
  const report = (result: AccountAudit): AccountAudit => {
    done += 1;
    options.onEvent?.({ type: 'account', auditId, account: result, done, total });
    return result;
  };
  const accounts = await Promise.all(
    structure.accounts.map((account) =>
      isAccountInactive(account)
        ? Promise.resolve(report(skip(account)))
        : turns.use(() => auditAccount(account, options, limits, shared, metrics, auditId)).then(report),
    ),
  );
  const audit: OrgAuditResult = {
    id: auditId,
    startedAt,
    finishedAt: new Date().toISOString(),
    target: options.target,
    structure,
    accounts,
    verdict: getOrgVerdict(accounts),
  };
  options.onEvent?.({ type: 'finished', audit });
  return audit;
}
