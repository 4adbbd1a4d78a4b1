import 'server-only';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { classifyTaskRole, getWindowTaskArn, toInventoryFinding } from '@/lib/audit/classify';
import { discoverRegions } from '@/lib/audit/discover-regions';
import { Semaphore } from '@/lib/audit/semaphore';
import type {
  AuditProgressEvent,
  AuditResult,
  AuditTargetSummary,
  MaintenanceWindowFinding,
  RegionAudit,
  RegionDescriptor,
  RegionFindings,
  RegionScanStatus,
} from '@/lib/audit/types';
import { getVerdict } from '@/lib/audit/verdict';
import type { AwsClients } from '@/lib/aws/clients';
import { isTransientError, toAwsError, type AwsError } from '@/lib/aws/errors';
import type { CallInfo, CallRunner } from '@/lib/aws/paging';
import { listResourceGroups } from '@/lib/aws/resource-groups';
import {
  listInventoryAssociations,
  listMaintenanceWindows,
  listMaintenanceWindowTasks,
  listResourceDataSyncs,
} from '@/lib/aws/ssm';
import { getTaggedResourcesSummary } from '@/lib/aws/tagging';
import { getRoleArn } from '@/lib/role/constants';

// Scans every region at once: bounded concurrency overall and per region, a deadline per region, bounded
// retries of transient failures, and one status per region so that a region that was not read stays unknown.

export interface ScanLimits {
  /** AWS calls in flight at once, all regions together. */
  globalConcurrency: number;
  /** AWS calls in flight at once in one region (its API rate limits are per region). */
  regionConcurrency: number;
  /** Time a region may take before it is reported as timed out. */
  regionDeadlineMs: number;
  /** Extra attempts of one call after a transient failure, on top of the SDK's own retries. */
  callRetries: number;
  /** Extra attempts one region may spend in total. */
  regionRetryBudget: number;
  retryBaseDelayMs: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  globalConcurrency: 48,
  regionConcurrency: 4,
  regionDeadlineMs: 60_000,
  callRetries: 3,
  regionRetryBudget: 12,
  retryBaseDelayMs: 250,
};

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

  recordStart(region: string, info: CallInfo, isRetry: boolean): void {
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
    this.inFlight -= 1;
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

interface RegionRunner {
  run: CallRunner;
  readonly callCount: number;
}

function createRegionRunner(options: {
  region: string;
  global: Semaphore;
  shared?: Semaphore;
  limits: ScanLimits;
  signal: AbortSignal;
  metrics: ScanMetrics;
}): RegionRunner {
  const { region, global, shared, limits, signal, metrics } = options;
  const local = new Semaphore(limits.regionConcurrency);
  let callCount = 0;
  let budget = limits.regionRetryBudget;

  const run: CallRunner = async (info, send) => {
    for (let attempt = 0; ; attempt += 1) {
      let failure: AwsError;
      // The region's slot first, then a global one: a region never holds a global slot while it waits.
      await local.acquire(signal);
      try {
        await global.acquire(signal);
        try {
          await shared?.acquire(signal);
          try {
            callCount += 1;
            metrics.recordStart(region, info, attempt > 0);
            try {
              return await send(signal);
            } finally {
              metrics.recordEnd();
            }
          } finally {
            shared?.release();
          }
        } finally {
          global.release();
        }
      } catch (error) {
        failure = toAwsError(error);
      } finally {
        local.release();
      }
      if (signal.aborted) throw failure;
      if (!isTransientError(failure) || attempt >= limits.callRetries || budget <= 0) throw failure;
      budget -= 1;
      // Exponential backoff with full jitter, so that throttled calls spread out instead of retrying together.
      await sleep(Math.random() * limits.retryBaseDelayMs * 2 ** attempt, signal);
    }
  };

  return {
    run,
    get callCount() {
      return callCount;
    },
  };
}

async function readRegionFindings(
  clients: AwsClients,
  region: string,
  target: AuditTargetSummary,
  roleArn: string,
  run: CallRunner,
): Promise<{ findings: RegionFindings; warnings: string[] }> {
  const ssm = clients.ssm(region);
  const windowsRead = (async (): Promise<MaintenanceWindowFinding[]> => {
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
  })();
  const [windows, associations, dataSyncs, resourceGroups, taggedResources] = await Promise.allSettled([
    windowsRead,
    listInventoryAssociations(ssm, { run }),
    listResourceDataSyncs(ssm, { run }),
    listResourceGroups(clients.resourceGroups(region), { run }),
    getTaggedResourcesSummary(clients.tagging(region), { run }),
  ]);
  // Without the windows and their tasks the region's answer is unknown: the failure becomes its status.
  if (windows.status === 'rejected') throw windows.reason;

  const warnings: string[] = [];
  function secondary<T>(result: PromiseSettledResult<T>, what: string, fallback: T): T {
    if (result.status === 'fulfilled') return result.value;
    const error = toAwsError(result.reason);
    warnings.push(`${what} could not be read (${error.code}: ${error.message}${error.requestId ? `, request id ${error.requestId}` : ''})`);
    return fallback;
  }
  return {
    findings: {
      windows: windows.value,
      inventoryAssociations: secondary(associations, 'Inventory associations', []).map(toInventoryFinding),
      dataSyncs: secondary(dataSyncs, 'Resource data syncs', []),
      resourceGroups: secondary(resourceGroups, 'Resource groups', []),
      taggedResources: secondary(taggedResources, 'Tagged resources', { count: 0, sample: [] }),
    },
    warnings,
  };
}

/**
 * Why a region EC2 lists as enabled rejects the credentials (aws-facts §10): session tokens from the global STS
 * endpoint are valid only in the regions enabled by default, unless the account has the global endpoint issue
 * v2 tokens; an opt-in region then answers UnrecognizedClientException.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
 */
export const OPT_IN_REGION_TOKEN_CAUSE =
  'This region is enabled, yet it rejected the security token. Likely cause: session tokens from the global STS endpoint (sts.amazonaws.com) are not valid in opt-in regions. Get the credentials from a regional STS endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional, or the profile\'s sts_regional_endpoints), or set the account\'s global endpoint to issue tokens valid in all regions (IAM → Account settings → Security Token Service).';

export function toFailureStatus(error: AwsError, region?: RegionDescriptor): RegionScanStatus {
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

class RegionDeadlineError extends Error {
  constructor(readonly afterMs: number) {
    super(`The region did not answer within ${afterMs} ms`);
    this.name = 'RegionDeadlineError';
  }
}

export async function scanRegion(options: {
  clients: AwsClients;
  region: RegionDescriptor;
  target: AuditTargetSummary;
  roleArn: string;
  global: Semaphore;
  shared?: Semaphore;
  limits: ScanLimits;
  metrics: ScanMetrics;
  signal?: AbortSignal;
}): Promise<RegionAudit> {
  const { clients, region, target, roleArn, global, shared, limits, metrics, signal } = options;
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

  const controller = new AbortController();
  // Every call and every queued call of the region listens to this signal: many listeners are expected.
  setMaxListeners(0, controller.signal);
  const runner = createRegionRunner({ region: region.code, global, shared, limits, signal: controller.signal, metrics });
  const stopWithScan = () => controller.abort(signal?.reason);
  if (signal?.aborted) stopWithScan();
  else signal?.addEventListener('abort', stopWithScan, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RegionDeadlineError(limits.regionDeadlineMs);
      controller.abort(error);
      reject(error);
    }, limits.regionDeadlineMs);
  });
  try {
    const { findings, warnings } = await Promise.race([readRegionFindings(clients, region.code, target, roleArn, runner.run), deadline]);
    return finish({ kind: 'ok' }, findings, warnings, runner.callCount);
  } catch (error) {
    if (controller.signal.aborted || error instanceof RegionDeadlineError) {
      return finish({ kind: 'timed-out', afterMs: limits.regionDeadlineMs }, null, [], runner.callCount);
    }
    return finish(toFailureStatus(toAwsError(error), region), null, [], runner.callCount);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stopWithScan);
    // Stops whatever is still running in the region (a finished region has nothing left to stop).
    if (!controller.signal.aborted) controller.abort(new Error('The region scan is over'));
  }
}

/** Discovers the regions, scans them all in parallel and returns the audit with its verdict. */
export async function scanAllRegions(options: ScanOptions): Promise<AuditResult> {
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
  const metrics = options.metrics ?? new ScanMetrics();
  const auditId = options.auditId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const global = new Semaphore(limits.globalConcurrency);
  const { target, clients } = options;
  const roleArn = getRoleArn(target.partition, target.accountId);
  const onlyRegions = options.onlyRegions ? new Set(options.onlyRegions) : null;
  const isWanted = (region: RegionDescriptor) => !onlyRegions || onlyRegions.has(region.code);

  const discoveryController = new AbortController();
  setMaxListeners(0, discoveryController.signal);
  const { sharedSemaphore: shared, signal } = options;
  const stopDiscovery = () => discoveryController.abort(signal?.reason);
  if (signal?.aborted) stopDiscovery();
  else signal?.addEventListener('abort', stopDiscovery, { once: true });
  const discoveryRunner = createRegionRunner({
    region: options.homeRegion,
    global,
    shared,
    limits,
    signal: discoveryController.signal,
    metrics,
  });
  const discoveryTimer = setTimeout(() => discoveryController.abort(new RegionDeadlineError(limits.regionDeadlineMs)), limits.regionDeadlineMs);

  // Each region is scanned as soon as discovery places it; its progress event waits for "started".
  const scans: Array<Promise<RegionAudit>> = [];
  const early: RegionAudit[] = [];
  let hasStarted = false;
  let done = 0;
  let total = 0;
  function report(result: RegionAudit): void {
    done += 1;
    options.onEvent?.({ type: 'region', auditId, region: result, done, total });
  }
  let discovery: Awaited<ReturnType<typeof discoverRegions>>;
  try {
    discovery = await discoverRegions({
      clients,
      homeRegion: options.homeRegion,
      partition: target.partition,
      run: discoveryRunner.run,
      onRegions: (regions, callDepth) => {
        for (const region of regions.filter(isWanted)) {
          metrics.regionStartDepth.set(region.code, callDepth);
          scans.push(
            scanRegion({ clients, region, target, roleArn, global, shared, limits, metrics, signal }).then((result) => {
              if (hasStarted) report(result);
              else early.push(result);
              return result;
            }),
          );
        }
      },
    });
  } catch (error) {
    // Regions already started finish on their own; nothing waits for them.
    discoveryController.abort(error);
    throw error;
  } finally {
    clearTimeout(discoveryTimer);
    signal?.removeEventListener('abort', stopDiscovery);
  }
  const discoveredRegions = discovery.regions.filter(isWanted);
  total = discoveredRegions.length;
  hasStarted = true;
  options.onEvent?.({ type: 'started', auditId, regions: discoveredRegions, startedAt });
  for (const result of early.splice(0)) report(result);

  const results = new Map((await Promise.all(scans)).map((result) => [result.region.code, result]));
  // In discovery order (sorted by code), whatever order the regions finished in.
  const regions = discoveredRegions.map((region) => results.get(region.code)).filter((result): result is RegionAudit => result !== undefined);

  const audit: AuditResult = {
    id: auditId,
    startedAt,
    finishedAt: new Date().toISOString(),
    target,
    roleArn,
    roleExists: options.role.exists,
    roleLastUsedRegion: options.role.lastUsedRegion,
    roleLastUsedDate: options.role.lastUsedDate,
    regions,
    verdict: getVerdict(regions),
    warnings: [...(options.warnings ?? []), ...discovery.warnings],
  };
  options.onEvent?.({ type: 'finished', audit });
  return audit;
}
