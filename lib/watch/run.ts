import 'server-only';
import { recordActivity } from '@/lib/activity';
import { runAudit } from '@/lib/audit/run';
import type { AuditProgressEvent } from '@/lib/audit/types';
import { getAwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getServiceLinkedRole } from '@/lib/aws/iam';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { readTrackedDeletion } from '@/lib/deletion';
import { hasDeletedRole } from '@/lib/deletion/machine';
import { chooseBaseline, compareWithBaseline, describeBaseline, type WatchChange, type WatchChangeKind } from '@/lib/watch/compare';
import { describeCreationEvent, findRoleCreationEvent } from '@/lib/watch/creation-event';
import { toUnreadableSnapshot, toWatchSnapshot, type WatchedRole, type WatchSnapshot } from '@/lib/watch/snapshot';
import { getWatchStore } from '@/lib/watch/index';
import { deliverPendingChanges, type DeliverySummary } from '@/lib/watch/deliver';

// One run of the watch: audit the account, compare with the baseline, record each new change once (activity
// log, change list) and post what is waiting to the webhook. The command line and the dashboard both run it.

export interface WatchRunResult {
  ranAt: string;
  accountId: string;
  /** null at the first run: the snapshot becomes the baseline and nothing is compared. */
  baseline: string | null;
  /** Changes seen for the first time in this run. */
  changes: WatchChange[];
  /** Changes this run saw again (already recorded by an earlier run or another watcher). */
  repeated: number;
  delivery: DeliverySummary | null;
}

export interface WatchRunOptions {
  webhookUrl?: string;
  everyMs: number | null;
  source: 'cli' | 'dashboard';
  onAuditEvent?: (event: AuditProgressEvent) => void;
}

const OPERATIONS: Record<WatchChangeKind, string> = {
  'role-recreated': 'RoleRecreated',
  'task-added': 'TaskReliesOnRole',
  'blocker-removed': 'BlockerRemoved',
  'region-unreadable': 'RegionUnreadable',
  'account-unreadable': 'AccountUnreadable',
  'data-impact-added': 'DataImpactAdded',
};

async function readRole(): Promise<WatchedRole> {
  try {
    const role = await getServiceLinkedRole(getAwsClients().iam());
    return role ? { state: 'present', arn: role.arn, roleId: role.roleId, createDate: role.createDate } : { state: 'absent' };
  } catch (error) {
    return { state: 'unreadable', problem: toAwsError(error).code };
  }
}

async function readLastDeletion(): Promise<{ finishedAt: string; requestedAt: string; deletionTaskId: string } | null> {
  // A deletion the wizard already saw followed by a recreation still counts: the watch reports that recreation.
  const { record } = await readTrackedDeletion();
  return record && hasDeletedRole(record) && record.finishedAt
    ? { finishedAt: record.finishedAt, requestedAt: record.requestedAt, deletionTaskId: record.deletionTaskId }
    : null;
}

/** Audits and snapshots the account; a run that cannot read the account at all still yields a snapshot. */
async function takeSnapshot(options: WatchRunOptions, previous: (accountId?: string) => WatchSnapshot | null, ranAt: string): Promise<{ snapshot: WatchSnapshot | null; callerArn: string; problem?: string }> {
  let identity: Awaited<ReturnType<typeof getCallerIdentity>>;
  try {
    identity = await getCallerIdentity();
  } catch (error) {
    const problem = `${toAwsError(error).code}`;
    const last = previous();
    return { snapshot: last ? toUnreadableSnapshot({ previous: last, problem, takenAt: ranAt }) : null, callerArn: 'unknown', problem };
  }
  const last = previous(identity.accountId);
  try {
    const [audit, role] = await Promise.all([runAudit({ onEvent: options.onAuditEvent }), readRole()]);
    return { snapshot: toWatchSnapshot({ audit, role, takenAt: ranAt, previous: last }), callerArn: identity.arn };
  } catch (error) {
    const problem = `${toAwsError(error).code}`;
    return { snapshot: last ? toUnreadableSnapshot({ previous: last, problem, takenAt: ranAt }) : null, callerArn: identity.arn, problem };
  }
}

/** The recreation with the CloudTrail event that created the role, when CloudTrail has it. */
async function withCreationEvent(change: WatchChange, changes: WatchChange[]): Promise<WatchChange> {
  const createDate = String(change.details.createDate ?? '');
  // IAM's events are kept in us-east-1; a role recreated by a task registration shows in the task's region too.
  const lookup = await findRoleCreationEvent(getAwsClients(), {
    createDate,
    iamRegion: 'us-east-1',
    taskRegions: changes.filter((other) => other.kind === 'task-added').map((other) => other.region),
  });
  if (!lookup.event) {
    return { ...change, details: { ...change.details, creationEvent: null, creationEventProblem: 'problem' in lookup ? lookup.problem : 'no matching CloudTrail event' } };
  }
  const { event } = lookup;
  return {
    ...change,
    summary: `${change.summary} Created by ${describeCreationEvent(event)}.`,
    details: {
      ...change.details,
      creationEvent: event.eventName,
      creationEventId: event.eventId,
      creationEventTime: event.eventTime,
      creationEventRegion: event.region,
      createdBy: event.invokedBy ?? event.sessionIssuerArn ?? event.username ?? null,
    },
  };
}

export async function runWatchOnce(options: WatchRunOptions): Promise<WatchRunResult> {
  const settings = getSettings();
  const target = settings.ATLAS_TARGET;
  const store = getWatchStore();
  const ranAt = new Date().toISOString();
  const { snapshot, callerArn, problem } = await takeSnapshot(options, (accountId) => store.getLastSnapshot(target, accountId), ranAt);
  if (!snapshot) {
    // Nothing was ever read and nothing can be now: there is no baseline to compare with.
    throw new Error(`The account could not be read (${problem ?? 'unknown error'}) and the watch has no earlier run to compare with.`);
  }
  const { accountId } = snapshot;
  const last = store.getLastSnapshot(target, accountId);
  const deletion = problem ? null : await readLastDeletion().catch(() => null);
  const baseline = chooseBaseline(last, deletion);
  const compared = baseline ? compareWithBaseline(baseline, snapshot) : [];
  const changes = await Promise.all(compared.map((change) => (change.kind === 'role-recreated' && !store.hasChange(change.key) ? withCreationEvent(change, compared) : change)));
  store.saveSnapshot(snapshot);

  const fresh: WatchChange[] = [];
  for (const change of changes) {
    if (!store.addChange(change, { target, detectedAt: ranAt, delivery: options.webhookUrl ? 'pending' : 'none' })) continue;
    fresh.push(change);
    recordActivity({
      time: ranAt,
      target,
      accountId,
      callerArn,
      region: change.region,
      operation: OPERATIONS[change.kind],
      subject: change.subject,
      parameters: { ...change.details, watch: options.source },
      result: 'observed',
      message: change.summary,
    });
  }
  const delivery = options.webhookUrl ? await deliverPendingChanges(store, options.webhookUrl) : null;
  const baselineLabel = baseline ? describeBaseline(baseline) : `the first run at ${ranAt}`;
  store.recordRun({
    target,
    accountId,
    ranAt,
    everyMs: options.everyMs,
    source: options.source,
    outcome: problem ? 'failed' : baseline ? 'ok' : 'first-run',
    changeCount: fresh.length,
    message: problem ? `The account could not be read (${problem}).` : baseline ? `Compared with ${baselineLabel}.` : 'First run: this state is the baseline.',
    baselineLabel,
  });
  return { ranAt, accountId, baseline: baseline ? baselineLabel : null, changes: fresh, repeated: changes.length - fresh.length, delivery };
}
