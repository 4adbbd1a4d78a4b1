import 'server-only';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { IAMClient } from '@aws-sdk/client-iam';
import { getServiceLastAccessedReport, startServiceLastAccessedReport } from '@/lib/aws/access-advisor';
import { lookupEvents } from '@/lib/aws/cloudtrail';
import { toAwsError, type AwsError } from '@/lib/aws/errors';
import type { CallRunner } from '@/lib/aws/paging';
import type { TrailEventRecord } from '@/lib/aws/types';
import { Pacer } from './pacer';
import {
  CLOUDTRAIL_HISTORY_DAYS,
  type AccessAdvisorEvidence,
  type EvidenceDepth,
  type RegionEvidence,
  type RoleEvidence,
  type RoleSession,
} from './types';

// Collects the evidence of use of one role: its CloudTrail events in every enabled region (in parallel across
// regions, each region paced to LookupEvents' 2 calls a second, paged, within the deadline) and an Access
// Advisor report. A region that could not be read keeps an unknown status: it is never taken for unused.

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * AWS's LookupEvents rate: 2 calls a second per account and region, in bursts of 2. The pacer counts each call
 * from its answer, so network jitter never puts two calls closer than AWS's bucket allows.
 */
export const LOOKUP_RATE = { ratePerSecond: 2, burst: 2 };
/**
 * Access Advisor's report is asked for again every 250 ms for its first 3 seconds (most reports are ready by
 * then), then less and less often, up to every 2 seconds.
 */
const ACCESS_ADVISOR_POLL_MS = 250;
const ACCESS_ADVISOR_STEADY_POLL_FOR_MS = 3_000;
const ACCESS_ADVISOR_MAX_POLL_MS = 2_000;

export interface EvidenceClients {
  cloudTrail(region: string): CloudTrailClient;
  iam(): IAMClient;
}

export interface EvidenceScanOptions {
  roleArn: string;
  regions: ReadonlyArray<{ code: string; isEnabled: boolean }>;
  /** The whole scan's deadline: regions not finished by then are reported timed out. */
  deadlineMs: number;
  /** How many of each region's newest sessions have their own calls read (one lookup each). */
  sessionsWithCalls?: number;
  /** Pages of role events read per region at most (50 events each). */
  maxPagesPerRegion?: number;
  /**
   * `history` (the default): every role event of the last 90 days (up to the page limit), for the timeline.
   * `latest`: each region's pages only down to its newest session, which is all the last use per region and the
   * regions' markers need (a region without a session is still read to its oldest event, so "unused" stays exact).
   */
  depth?: EvidenceDepth;
  /** The wait before Access Advisor's report is asked for again, for its first 3 seconds (then longer and longer). */
  accessAdvisorPollMs?: number;
  /** Leave Access Advisor out (its report is then `in-progress`): to measure the CloudTrail scan alone. */
  skipAccessAdvisor?: boolean;
  now?: () => number;
  /**
   * Paces the lookups of each region. Pass the process's pacer with the account's key, so that successive
   * collections of one account share AWS's bucket as AWS does; by default a pacer of the scan's own.
   */
  pacer?: Pacer;
  /** The account's key in the pacer (its lanes are `<accountKey>|<region>`). */
  accountKey?: string;
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
}

function describeFailure(error: AwsError, afterMs: number, signal: AbortSignal): RegionEvidence['status'] {
  if (signal.aborted || error.kind === 'timeout') return { kind: 'timed-out', afterMs };
  if (error.kind === 'access-denied') return { kind: 'access-denied', error: error.toInfo() };
  return { kind: 'error', error: error.toInfo() };
}

async function readRegion(
  client: CloudTrailClient,
  region: string,
  options: Required<Pick<EvidenceScanOptions, 'roleArn' | 'sessionsWithCalls' | 'maxPagesPerRegion' | 'accountKey' | 'depth'>> & { pacer: Pacer; signal: AbortSignal; now: () => number; startedAtMs: number },
): Promise<RegionEvidence> {
  let lookupCalls = 0;
  const lane = `${options.accountKey}|${region}`;
  const run: CallRunner = (_info, send) =>
    options.pacer.run(
      lane,
      () => {
        lookupCalls += 1;
        return send(options.signal);
      },
      options.signal,
    );
  const startTime = new Date(options.now() - CLOUDTRAIL_HISTORY_DAYS * DAY_MS);
  const isSession = (event: TrailEventRecord) => event.eventName === 'AssumeRole' && event.assumedRoleArn === options.roleArn;
  let events: TrailEventRecord[];
  let isComplete: boolean;
  try {
    ({ events, isComplete } = await lookupEvents(
      client,
      {
        attribute: { key: 'ResourceName', value: options.roleArn },
        startTime,
        maxPages: options.maxPagesPerRegion,
        ...(options.depth === 'latest' ? { stopAt: isSession } : {}),
      },
      { run },
    ));
  } catch (error) {
    const status = describeFailure(toAwsError(error), options.now() - options.startedAtMs, options.signal);
    return { region, status, sessions: [], otherEvents: [], isComplete: false, lookupCalls };
  }
  const sessions: RoleSession[] = [];
  const otherEvents: TrailEventRecord[] = [];
  for (const event of events) {
    if (isSession(event)) {
      sessions.push({
        assumedAt: event.eventTime,
        region,
        eventId: event.eventId,
        ...(event.invokedBy ? { invokedBy: event.invokedBy } : {}),
        ...(event.sessionAccessKeyId ? { sessionAccessKeyId: event.sessionAccessKeyId } : {}),
      });
    } else {
      otherEvents.push(event);
    }
  }
  // What the newest sessions touched: their calls carry the session's temporary key.
  await Promise.all(
    sessions.slice(0, options.sessionsWithCalls).map(async (session) => {
      if (!session.sessionAccessKeyId) return;
      try {
        const assumedMs = Date.parse(session.assumedAt);
        const { events: calls } = await lookupEvents(
          client,
          {
            attribute: { key: 'AccessKeyId', value: session.sessionAccessKeyId },
            startTime: new Date(assumedMs - 60_000),
            endTime: new Date(assumedMs + 12 * 60 * 60 * 1000),
            maxPages: 1,
          },
          { run },
        );
        session.calls = calls.filter((call) => call.sessionIssuerArn === options.roleArn).reverse();
      } catch (error) {
        if (isAbort(error, options.signal)) return;
        // The session's own calls are detail: without them the session still counts as use.
      }
    }),
  );
  return {
    region,
    status: { kind: 'read' },
    sessions,
    otherEvents,
    ...(sessions[0] ? { lastUsedAt: sessions[0].assumedAt } : {}),
    isComplete,
    lookupCalls,
  };
}

async function readAccessAdvisor(
  client: IAMClient,
  roleArn: string,
  signal: AbortSignal,
  firstPollMs: number,
  missing: Set<string>,
): Promise<AccessAdvisorEvidence> {
  let pollMs = firstPollMs;
  let waitedMs = 0;
  let jobId: string;
  try {
    jobId = await startServiceLastAccessedReport(client, roleArn, 'ACTION_LEVEL');
  } catch (error) {
    const info = toAwsError(error);
    if (info.kind === 'access-denied') {
      missing.add('iam:GenerateServiceLastAccessedDetails');
      return { kind: 'access-denied', error: info.toInfo() };
    }
    return { kind: 'error', error: info.toInfo() };
  }
  for (;;) {
    try {
      const report = await getServiceLastAccessedReport(client, jobId);
      if (report.status === 'COMPLETED') return { kind: 'completed', services: report.services, ...(report.completedAt ? { completedAt: report.completedAt } : {}) };
      if (report.status === 'FAILED') return { kind: 'failed', message: report.failure ?? 'IAM could not produce the report.' };
    } catch (error) {
      const info = toAwsError(error);
      if (info.kind === 'access-denied') {
        missing.add('iam:GetServiceLastAccessedDetails');
        return { kind: 'access-denied', error: info.toInfo() };
      }
      return { kind: 'error', error: info.toInfo() };
    }
    if (signal.aborted) return { kind: 'in-progress' };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    waitedMs += pollMs;
    if (waitedMs >= ACCESS_ADVISOR_STEADY_POLL_FOR_MS) pollMs = Math.max(pollMs, Math.min(ACCESS_ADVISOR_MAX_POLL_MS, pollMs * 1.5));
  }
}

/** Evidence of use of `roleArn` across the given regions, by the deadline. */
export async function collectRoleEvidence(clients: EvidenceClients, options: EvidenceScanOptions): Promise<RoleEvidence> {
  const now = options.now ?? Date.now;
  const startedAtMs = now();
  const signal = AbortSignal.timeout(options.deadlineMs);
  const pacer = options.pacer ?? new Pacer(LOOKUP_RATE, now);
  const missing = new Set<string>();
  const settings = {
    roleArn: options.roleArn,
    sessionsWithCalls: options.sessionsWithCalls ?? 1,
    maxPagesPerRegion: options.maxPagesPerRegion ?? 10,
    accountKey: options.accountKey ?? 'account',
    depth: options.depth ?? 'history',
    pacer,
    signal,
    now,
    startedAtMs,
  };
  const [regions, accessAdvisor] = await Promise.all([
    Promise.all(
      options.regions.map((region): Promise<RegionEvidence> =>
        region.isEnabled
          ? readRegion(clients.cloudTrail(region.code), region.code, settings)
          : Promise.resolve({ region: region.code, status: { kind: 'not-enabled' }, sessions: [], otherEvents: [], isComplete: true, lookupCalls: 0 }),
      ),
    ),
    options.skipAccessAdvisor
      ? Promise.resolve<AccessAdvisorEvidence>({ kind: 'in-progress' })
      : readAccessAdvisor(clients.iam(), options.roleArn, signal, options.accessAdvisorPollMs ?? ACCESS_ADVISOR_POLL_MS, missing),
  ]);
  if (regions.some((region) => region.status.kind === 'access-denied')) missing.add('cloudtrail:LookupEvents');
  let lastUse: RoleEvidence['lastUse'];
  for (const region of regions) {
    if (region.lastUsedAt && (!lastUse || region.lastUsedAt > lastUse.at)) lastUse = { at: region.lastUsedAt, region: region.region };
  }
  return {
    roleArn: options.roleArn,
    collectedAt: new Date(now()).toISOString(),
    depth: settings.depth,
    regions,
    accessAdvisor,
    missingPermissions: [...missing],
    ...(lastUse ? { lastUse } : {}),
  };
}
