import 'server-only';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { classifyTaskRole, getWindowTaskArn, toInventoryFinding } from '@/lib/audit/classify';
import { listAuditRegions } from '@/lib/audit/discover-regions';
import { Semaphore } from '@/lib/audit/semaphore';
import type {
  AuditProgressEvent,
  AuditResult,
  AuditTargetSummary,
  DataImpactRead,
  MaintenanceWindowFinding,
  ReadStatus,
  RegionAudit,
  RegionDescriptor,
  RegionFindings,
  RegionScanStatus,
} from '@/lib/audit/types';
import { getVerdict } from '@/lib/audit/verdict';
import type { AwsClients } from '@/lib/aws/clients';
import { listAccountRegions } from '@/lib/aws/ec2';
import { AwsError, isTransientError, toAwsError } from '@/lib/aws/errors';
import type { CallInfo, CallRunner } from '@/lib/aws/paging';
import { listResourceGroups } from '@/lib/aws/resource-groups';
import { listInventoryAssociations, listMaintenanceWindows, listMaintenanceWindowTasks, listResourceDataSyncs, listSsmRegionsAmong } from '@/lib/aws/ssm';
import { getTaggedResourcesSummary, TAGGED_RESOURCES_MAX_PAGES } from '@/lib/aws/tagging';
import { getRoleArn } from '@/lib/role/constants';

// Scans every region at once: bounded concurrency overall and per region, a deadline per region, bounded
// retries of transient failures, and one status per region so that a region that was not read stays unknown.

export interface ScanLimits {
  /** AWS calls in flight at once, all regions together. */
  globalConcurrency: number;
  /** AWS calls in flight at once in one region (AWS's API rate limits are per account and region). */
  regionConcurrency: number;
  /** Time the reads of what can block deletion (windows and their tasks) may take in one region. */
  regionDeadlineMs: number;
  /** Time the data-impact reads (associations, syncs, groups, tags) may take in one region, on their own. */
  dataImpactDeadlineMs: number;
  /** Pages of 100 tagged resources counted at most per region; beyond it the count says "at least". */
  taggedResourcesMaxPages: number;
  /** Extra attempts of one call after a transient failure, on top of the SDK's own retries. */
  callRetries: number;
  /** Extra attempts one region may spend in total. */
  regionRetryBudget: number;
  retryBaseDelayMs: number;
}

/**
 * Per-region concurrency: AWS publishes no request-rate quota for the calls the audit makes (DescribeMaintenance-
 * Windows/Tasks, ListAssociations, ListResourceDataSync, ListGroups, GetResources): each API has a token bucket
 * per account and per region, shared with the account's own automation, and answers ThrottlingException when it
 * runs dry (aws-facts §6; https://docs.aws.amazon.com/general/latest/gr/ssm.html lists quotas only for other
 * operations, and https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html describes the
 * adaptive retry mode's client-side rate limiting per client). Eight calls in flight per region lets a region's
 * six independent first reads (windows, associations, two sync listings, groups, tags) go out at once, while the
 * SDK's adaptive retry, one client per region and service, slows down on the first throttle, and the scanner's own
 * bounded retries cover the rest.
 */
export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  // Each region has its own endpoints and quotas: the global bound only keeps this process's sockets in check, and
  // lets the first reads of about 20 enabled regions (6 each) go out together.
  globalConcurrency: 128,
  regionConcurrency: 8,
  regionDeadlineMs: 60_000,
  dataImpactDeadlineMs: 60_000,
  taggedResourcesMaxPages: TAGGED_RESOURCES_MAX_PAGES,
  callRetries: 3,
  regionRetryBudget: 12,
  retryBaseDelayMs: 250,
};

/** The limits in force: the data-impact deadline follows the region deadline unless it is given itself. */
export function resolveLimits(limits: Partial<ScanLimits> = {}): ScanLimits {
  return { ...DEFAULT_SCAN_LIMITS, dataImpactDeadlineMs: limits.regionDeadlineMs ?? DEFAULT_SCAN_LIMITS.dataImpactDeadlineMs, ...limits };
}

/** Counts what a scan did: calls, calls in flight at the peak, and pages per chain of dependent calls. */
export class ScanMetrics {
  calls = 0;
  retries = 0;
  inFlight = 0;
  peakInFlight = 0;
  /** Pages per (region, operation, key): a page chain is a sequence of dependent calls. */
  readonly pages = new Map<string, number>();
  /** Per region, how many dependent discovery calls came before its scan could start. */
  readonly regionStartDepth = new Map<string, number>();

  /** `parent` also counts every call (the organization audit's totals over its accounts' scans). */
  constructor(private readonly parent?: ScanMetrics) {}

  recordStart(region: string, info: CallInfo, isRetry: boolean): void {
    this.parent?.recordStart(region, info, isRetry);
    this.calls += 1;
    if (isRetry) this.retries += 1;
    else {
      const key = `${region}|${info.operation}|${info.key ?? ''}`;
      this.pages.set(key, (this.pages.get(key) ?? 0) + 1);
    }
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }

  recordEnd(): void {
    this.parent?.recordEnd();
    this.inFlight -= 1;
  }

  /**
   * The longest chain of calls that depend on each other: EC2's DescribeRegions, then in each region its own
   * deepest chain (windows pages, then the task pages of one window; or any other paginated listing); and,
   * beside them, DescribeRegions then the SSM region parameters asked by name (one call per batch of ten,
   * batches in parallel).
   */
  criticalPathCalls(): number {
    const pages = (region: string, operation: string, key = '') => this.pages.get(`${region}|${operation}|${key}`) ?? 0;
    const byRegion = new Map<string, Array<{ operation: string; key: string; count: number }>>();
    let regionList = 0;
    let ssmCheck = 0;
    for (const [id, count] of this.pages) {
      const [region = '', operation = '', key = ''] = id.split('|');
      if (operation === 'DescribeRegions') regionList = Math.max(regionList, count);
      else if (operation === 'GetParameters') ssmCheck = Math.max(ssmCheck, count);
      else {
        const list = byRegion.get(region) ?? [];
        list.push({ operation, key, count });
        byRegion.set(region, list);
      }
    }
    let longest = regionList + ssmCheck;
    for (const [region, chains] of byRegion) {
      const taskPages = Math.max(0, ...chains.filter((chain) => chain.operation === 'DescribeMaintenanceWindowTasks').map((chain) => chain.count));
      const windowsChain = pages(region, 'DescribeMaintenanceWindows') + taskPages;
      const others = chains.filter((chain) => chain.operation !== 'DescribeMaintenanceWindows' && chain.operation !== 'DescribeMaintenanceWindowTasks');
      const regionChain = Math.max(windowsChain, ...others.map((chain) => chain.count));
      longest = Math.max(longest, (this.regionStartDepth.get(region) ?? regionList) + regionChain);
    }
    return longest;
  }
}

export interface AuditRoleFacts {
  exists: boolean;
  lastUsedRegion?: string;
  lastUsedDate?: string;
}

export interface ScanOptions {
  clients: AwsClients;
  homeRegion: string;
  target: AuditTargetSummary;
  role: AuditRoleFacts;
  limits?: Partial<ScanLimits>;
  auditId?: string;
  /** Warnings found before the scan (e.g. the role could not be read), kept with the result. */
  warnings?: string[];
  onEvent?: (event: AuditProgressEvent) => void;
  metrics?: ScanMetrics;
  /** Region codes to scan; every discovered region when absent. */
  onlyRegions?: readonly string[];
  /**
   * A limit shared with other scans (the organization audit's cap over every account), taken after this scan's
   * own global slot.
   */
  sharedSemaphore?: Semaphore;
  /** Stops the whole scan (the organization audit's deadline for one account). */
  signal?: AbortSignal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}


class RegionDeadlineError extends Error {
  constructor(readonly afterMs: number) {
    super(`The region did not answer within ${afterMs} ms`);
    this.name = 'RegionDeadlineError';
  }
}

/** One region's share of the scan: its concurrency slots, its retry budget and its call count. */
class RegionCalls {
  private readonly local: Semaphore;
  private budget: number;
  callCount = 0;

  constructor(
    private readonly region: string,
    private readonly global: Semaphore,
    private readonly limits: ScanLimits,
    private readonly metrics: ScanMetrics,
    private readonly shared?: Semaphore,
  ) {
    this.local = new Semaphore(limits.regionConcurrency);
    this.budget = limits.regionRetryBudget;
  }

  /** A runner whose calls stop when `signal` aborts. */
  runner(signal: AbortSignal): CallRunner {
    return async (info, send) => {
      for (let attempt = 0; ; attempt += 1) {
        let failure: AwsError;
        // The region's slot first, then a global one: a region never holds a global slot while it waits.
        await this.local.acquire(signal);
        try {
          await this.global.acquire(signal);
          try {
            await this.shared?.acquire(signal);
            try {
              this.callCount += 1;
              this.metrics.recordStart(this.region, info, attempt > 0);
              try {
                return await send(signal);
              } finally {
                this.metrics.recordEnd();
              }
            } finally {
              this.shared?.release();
            }
          } finally {
            this.global.release();
          }
        } catch (error) {
          failure = toAwsError(error);
        } finally {
          this.local.release();
        }
        if (signal.aborted) throw failure;
        if (!isTransientError(failure) || attempt >= this.limits.callRetries || this.budget <= 0) throw failure;
        this.budget -= 1;
        // Exponential backoff with full jitter, so that throttled calls spread out instead of retrying together.
        await sleep(Math.random() * this.limits.retryBaseDelayMs * 2 ** attempt, signal);
      }
    };
  }
}

type FailedRead = Exclude<ReadStatus, { kind: 'ok' }>;

type ReadOutcome<T> = { ok: true; value: T } | { ok: false; status: FailedRead };

/** Why a read failed, in a few words with the AWS code, message and request id. */
function describeFailedRead(status: FailedRead): string {
  if (status.kind === 'timed-out') return `no answer within ${Math.round(status.afterMs / 1000)} s`;
  const { code, message, requestId } = status.error;
  return `${code}: ${message}${requestId ? `, request id ${requestId}` : ''}`;
}

/**
 * A group of reads under one deadline. When it passes, the reads still running are stopped and end `timed-out`;
 * the reads that had finished keep what they read.
 */
class DeadlinePhase {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly deadline: Promise<never>;
  readonly run: CallRunner;

  constructor(
    calls: RegionCalls,
    private readonly deadlineMs: number,
    private readonly region: RegionDescriptor | undefined,
    outer?: AbortSignal,
  ) {
    // Every call and every queued call of the phase listens to this signal: many listeners are expected.
    setMaxListeners(0, this.controller.signal);
    this.deadline = new Promise<never>((_, reject) => {
      this.timer = setTimeout(() => {
        const error = new RegionDeadlineError(deadlineMs);
        this.controller.abort(error);
        reject(error);
      }, deadlineMs);
    });
    this.deadline.catch(() => undefined);
    // The whole scan's stop (an organization audit's deadline for the account) stops the phase too.
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true, signal: this.controller.signal });
    this.run = calls.runner(this.controller.signal);
  }

  async read<T>(work: (run: CallRunner) => Promise<T>): Promise<ReadOutcome<T>> {
    try {
      return { ok: true, value: await Promise.race([work(this.run), this.deadline]) };
    } catch (error) {
      if (error instanceof RegionDeadlineError || this.controller.signal.reason instanceof RegionDeadlineError) {
        return { ok: false, status: { kind: 'timed-out', afterMs: this.deadlineMs } };
      }
      return { ok: false, status: toReadStatus(toAwsError(error), this.region) };
    }
  }

  /** Stops whatever is still running (a finished phase has nothing left to stop). */
  close(): void {
    clearTimeout(this.timer);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('The region scan is over'));
  }
}

/**
 * Why a region EC2 lists as enabled rejects the credentials (aws-facts §10): session tokens from the global STS
 * endpoint are valid only in the regions enabled by default, unless the account has the global endpoint issue
 * v2 tokens; an opt-in region then answers UnrecognizedClientException.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
 */
export const OPT_IN_REGION_TOKEN_CAUSE =
  "This region is enabled, yet it rejected the security token. Likely cause: session tokens from the global STS endpoint (sts.amazonaws.com) are not valid in opt-in regions. Get the credentials from a regional STS endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional, or the profile's sts_regional_endpoints), or set the account's global endpoint to issue tokens valid in all regions (IAM → Account settings → Security Token Service).";

function toReadStatus(error: AwsError, region?: RegionDescriptor): FailedRead {
  const info = error.toInfo();
  if (error.kind === 'access-denied') return { kind: 'access-denied', error: info };
  if (error.kind === 'throttled') return { kind: 'throttled', error: info };
  // UnrecognizedClientException in a region EC2 says is enabled is a failure, not "not enabled": the region stays
  // unknown, with the likely cause.
  if (region?.isEnabled && (error.code === 'UnrecognizedClientException' || error.code === 'InvalidClientTokenId')) {
    return { kind: 'error', error: info, likelyCause: OPT_IN_REGION_TOKEN_CAUSE };
  }
  return { kind: 'error', error: info };
}

export function toFailureStatus(error: AwsError, region?: RegionDescriptor): RegionScanStatus {
  return toReadStatus(error, region);
}

const DATA_READ_NAMES: Record<DataImpactRead, string> = {
  inventoryAssociations: 'Inventory associations',
  dataSyncs: 'Resource data syncs',
  resourceGroups: 'Resource groups',
  taggedResources: 'Tagged resources',
};



async function readWindows(
  clients: AwsClients,
  region: string,
  target: AuditTargetSummary,
  run: CallRunner,
): Promise<MaintenanceWindowFinding[]> {
  const ssm = clients.ssm(region);
  const windows = await listMaintenanceWindows(ssm, { run });
  return Promise.all(
    windows.map(async (window) => {
      const tasks = await listMaintenanceWindowTasks(ssm, window.windowId, { run });
      return {
        ...window,
        tasks: tasks.map((task) => ({
          ...task,
          arn: getWindowTaskArn(target.partition, region, target.accountId, task.windowId, task.windowTaskId),
          ...classifyTaskRole(task.serviceRoleArn, target),
        })),
      };
    }),
  );
}

/**
 * Reads one region: what can block deletion (windows and tasks) under one deadline, and the data impact
 * (associations, syncs, groups, tags) under another, all first reads at once. The blocker reads decide the
 * region's status; each data-impact read keeps its own, so a slow count of tagged resources costs only itself.
 */
export async function scanRegion(options: {
  clients: AwsClients;
  region: RegionDescriptor;
  target: AuditTargetSummary;
  global: Semaphore;
  limits: ScanLimits;
  metrics: ScanMetrics;
  shared?: Semaphore;
  /** Stops the region's reads from outside (the whole scan stops). */
  signal?: AbortSignal;
}): Promise<RegionAudit> {
  const { clients, region, target, global, limits, metrics, shared, signal } = options;
  const startedAt = new Date();
  const finish = (status: RegionScanStatus, findings: RegionFindings | null, warnings: string[], callCount: number): RegionAudit => ({
    region,
    status,
    findings,
    warnings,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    callCount,
  });
  // A disabled region cannot hold anything that uses the role, and calling it only fails: it is not called.
  if (!region.isEnabled) return finish({ kind: 'not-enabled' }, null, [], 0);

  const calls = new RegionCalls(region.code, global, limits, metrics, shared);
  const blockers = new DeadlinePhase(calls, limits.regionDeadlineMs, region, signal);
  const data = new DeadlinePhase(calls, limits.dataImpactDeadlineMs, region, signal);
  const ssm = clients.ssm(region.code);
  try {
    const [windows, associations, dataSyncs, resourceGroups, taggedResources] = await Promise.all([
      // Without the blockers the region is unknown whatever else is read: the data reads stop with them.
      blockers.read((run) => readWindows(clients, region.code, target, run)).then((outcome) => {
        if (!outcome.ok) data.close();
        return outcome;
      }),
      data.read((run) => listInventoryAssociations(ssm, { run })),
      data.read((run) => listResourceDataSyncs(ssm, { run })),
      data.read((run) => listResourceGroups(clients.resourceGroups(region.code), { run })),
      data.read((run) => getTaggedResourcesSummary(clients.tagging(region.code), { run, maxPages: limits.taggedResourcesMaxPages })),
    ]);
    // Without the windows and their tasks the region's answer is unknown: the failure becomes its status.
    if (!windows.ok) return finish(windows.status, null, [], calls.callCount);

    const warnings: string[] = [];
    const dataReads = {} as Record<DataImpactRead, ReadStatus>;
    function kept<T>(read: DataImpactRead, outcome: ReadOutcome<T>, fallback: T): T {
      if (outcome.ok) {
        dataReads[read] = { kind: 'ok' };
        return outcome.value;
      }
      dataReads[read] = outcome.status;
      warnings.push(`${DATA_READ_NAMES[read]} could not be read (${describeFailedRead(outcome.status)})`);
      return fallback;
    }
    const findings: RegionFindings = {
      windows: windows.value,
      inventoryAssociations: kept('inventoryAssociations', associations, []).map(toInventoryFinding),
      dataSyncs: kept('dataSyncs', dataSyncs, []),
      resourceGroups: kept('resourceGroups', resourceGroups, []),
      taggedResources: kept('taggedResources', taggedResources, { count: 0, sample: [], isComplete: false }),
      dataReads,
    };
    return finish({ kind: 'ok' }, findings, warnings, calls.callCount);
  } finally {
    blockers.close();
    data.close();
  }
}

/** The region's answer once Systems Manager's own list of regions is known. */
function reconcileWithSsmRegions(result: RegionAudit, ssmRegions: Set<string> | null): { result: RegionAudit; warning?: string } {
  if (!ssmRegions || ssmRegions.has(result.region.code) || !result.region.isEnabled) return { result };
  // Systems Manager answered in a region AWS does not (yet) list among its regions: what it said stands.
  if (result.status.kind === 'ok') {
    return {
      result,
      warning: `${result.region.code} is not among the regions AWS lists for Systems Manager, yet it answered; its findings are shown as read.`,
    };
  }
  return { result: { ...result, status: { kind: 'no-ssm' }, findings: null, warnings: [] } };
}

/**
 * Audits every region of the partition. EC2's DescribeRegions (one call) says which regions are enabled, and each
 * enabled region's reads start at once; whether Systems Manager exists in each is asked meanwhile (the public
 * parameters, by name) and reconciled afterwards: a region without it is reported as such, never as clean. The
 * longest chain of dependent calls is then DescribeRegions → DescribeMaintenanceWindows → DescribeMaintenanceWindowTasks.
 */
export async function scanAllRegions(options: ScanOptions): Promise<AuditResult> {
  const limits = resolveLimits(options.limits);
  const metrics = options.metrics ?? new ScanMetrics();
  const auditId = options.auditId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const global = new Semaphore(limits.globalConcurrency);
  const { target, clients, homeRegion } = options;
  const roleArn = getRoleArn(target.partition, target.accountId);
  const onlyRegions = options.onlyRegions ? new Set(options.onlyRegions) : null;

  const { sharedSemaphore: shared, signal } = options;
  const discovery = new DeadlinePhase(new RegionCalls(homeRegion, global, limits, metrics, shared), limits.regionDeadlineMs, undefined, signal);
  try {
    const listed = await discovery.read((run) => listAccountRegions(clients.ec2(homeRegion), { run }));
    if (!listed.ok) {
      // Without EC2's list nothing tells an enabled region from a disabled one: the audit cannot be trusted.
      const info = listed.status.kind === 'timed-out' ? { kind: 'timeout' as const, code: 'TimeoutError', message: 'no answer' } : listed.status.error;
      throw new AwsError({ ...info, message: `Could not list the account's regions (ec2:DescribeRegions in ${homeRegion}): ${describeFailedRead(listed.status)}` });
    }
    const regions = listAuditRegions(listed.value, target.partition).filter((region) => !onlyRegions || onlyRegions.has(region.code));
    const enabled = regions.filter((region) => region.isEnabled);

    // Every enabled region starts now. A region Systems Manager turns out not to list still runs to its end: if it
    // answers, what it holds counts (a stale list must never hide a blocker); if not, it has no Systems Manager.
    const scans = new Map(
      regions.map((region) => {
        metrics.regionStartDepth.set(region.code, 1);
        return [region.code, scanRegion({ clients, region, target, global, limits, metrics, shared, signal })] as const;
      }),
    );
    options.onEvent?.({ type: 'started', auditId, regions, startedAt });

    const warnings = [...(options.warnings ?? [])];
    const ssmCheck = discovery.read((run) => listSsmRegionsAmong(clients.ssm(homeRegion), enabled.map((region) => region.code), { run }));
    const ssmRegions = ssmCheck.then((outcome) => {
      if (!outcome.ok) {
        warnings.push(
          `The list of regions where Systems Manager exists could not be read (ssm:GetParameters in ${homeRegion}: ${describeFailedRead(outcome.status)}); every region EC2 lists as enabled was audited.`,
        );
        return null;
      }
      return outcome.value;
    });

    let done = 0;
    const results = await Promise.all(
      regions.map(async (region) => {
        const [scanned, ssmList] = await Promise.all([scans.get(region.code)!, ssmRegions]);
        const { result, warning } = reconcileWithSsmRegions(scanned, ssmList);
        if (warning) warnings.push(warning);
        done += 1;
        options.onEvent?.({ type: 'region', auditId, region: result, done, total: regions.length });
        return result;
      }),
    );

    const audit: AuditResult = {
      id: auditId,
      startedAt,
      finishedAt: new Date().toISOString(),
      target,
      roleArn,
      roleExists: options.role.exists,
      roleLastUsedRegion: options.role.lastUsedRegion,
      roleLastUsedDate: options.role.lastUsedDate,
      regions: results,
      verdict: getVerdict(results),
      warnings,
    };
    options.onEvent?.({ type: 'finished', audit });
    return audit;
  } finally {
    discovery.close();
  }
}
