import 'server-only';
import { recordActivity } from '@/lib/activity';
import { runAudit } from '@/lib/audit/run';
import type { AuditProgressEvent } from '@/lib/audit/types';
import { getAwsClients, releaseMemberClients, type AwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getServiceLinkedRole } from '@/lib/aws/iam';
import { getCallerIdentity } from '@/lib/aws/sts';
import { Semaphore } from '@/lib/audit/semaphore';
import { getLastAudit } from '@/lib/audit/store';
import { getSettings, isOrganizationMode } from '@/lib/config';
import { readTrackedDeletion } from '@/lib/deletion';
import { hasDeletedRole } from '@/lib/deletion/machine';
import { chooseBaseline, compareWithBaseline, describeBaseline, type WatchChange, type WatchChangeKind } from '@/lib/watch/compare';
import { describeCreationEvent, findRoleCreationEvent } from '@/lib/watch/creation-event';
import { toUnreadableSnapshot, toWatchSnapshot, type WatchedRole, type WatchSnapshot } from '@/lib/watch/snapshot';
import { getWatchStore } from '@/lib/watch/index';
import { deliverPendingChanges, type DeliverySummary } from '@/lib/watch/deliver';
import { connectToAccount, runOrganizationAudit } from '@/lib/org/run';
import type { AccountAudit, AccountAuditOutcome } from '@/lib/org/types';

// One run of the watch: audit the account (in organization mode, every account of the organization audit),
// compare each with its baseline, record each new change once (activity log, change list) and post what is
// waiting to the webhook. The command line and the dashboard both run it.

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

/** One run of the watch over every account it covers. */
export interface WatchRound {
  ranAt: string;
  /** One result per account compared (or taken as a baseline); their own `delivery` is null. */
  accounts: WatchRunResult[];
  /** Accounts listed but not compared: skipped by the audit, or unreadable with no earlier run to compare with. */
  notWatched: Array<{ accountId: string; reason: string }>;
  /** The webhook's outcome for the whole round; null without a webhook. */
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

async function readRole(clients: AwsClients): Promise<WatchedRole> {
  try {
    const role = await getServiceLinkedRole(clients.iam());
    return role ? { state: 'present', arn: role.arn, roleId: role.roleId, createDate: role.createDate } : { state: 'absent' };
  } catch (error) {
    return { state: 'unreadable', problem: toAwsError(error).code };
  }
}

async function readLastDeletion(memberAccountId: string | undefined): Promise<{ finishedAt: string; requestedAt: string; deletionTaskId: string } | null> {
  // A deletion the wizard already saw followed by a recreation still counts: the watch reports that recreation.
  const { record } = await readTrackedDeletion(memberAccountId);
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
    const [audit, role] = await Promise.all([runAudit({ onEvent: options.onAuditEvent }), readRole(getAwsClients())]);
    return { snapshot: toWatchSnapshot({ audit, role, takenAt: ranAt, previous: last }), callerArn: identity.arn };
  } catch (error) {
    const problem = `${toAwsError(error).code}`;
    return { snapshot: last ? toUnreadableSnapshot({ previous: last, problem, takenAt: ranAt }) : null, callerArn: identity.arn, problem };
  }
}

/** The recreation with the CloudTrail event that created the role, when CloudTrail has it. */
async function withCreationEvent(clients: AwsClients, change: WatchChange, changes: WatchChange[]): Promise<WatchChange> {
  const createDate = String(change.details.createDate ?? '');
  // IAM's events are kept in us-east-1; a role recreated by a task registration shows in the task's region too.
  const lookup = await findRoleCreationEvent(clients, {
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

/** What one run read of one account, ready to compare with its baseline. */
interface AccountReading {
  snapshot: WatchSnapshot;
  callerArn: string;
  /** Why the account could not be read this time; its snapshot is then the last one read. */
  problem?: string;
  /** The account's clients, for the CloudTrail event of a recreation; null when the account could not be reached. */
  clients: AwsClients | null;
  memberAccountId?: string;
}

/** Compares one account's reading with its baseline and records what is new: the change list, the activity log, the run. */
async function compareAccount(reading: AccountReading, options: WatchRunOptions, ranAt: string): Promise<WatchRunResult> {
  const target = getSettings().ATLAS_TARGET;
  const store = getWatchStore();
  const { snapshot, callerArn, problem, clients } = reading;
  const { accountId } = snapshot;
  const last = store.getLastSnapshot(target, accountId);
  const deletion = problem ? null : await readLastDeletion(reading.memberAccountId).catch(() => null);
  const baseline = chooseBaseline(last, deletion);
  const compared = baseline ? compareWithBaseline(baseline, snapshot) : [];
  const changes = await Promise.all(
    compared.map((change) => (clients && change.kind === 'role-recreated' && !store.hasChange(change.key) ? withCreationEvent(clients, change, compared) : change)),
  );
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
  return { ranAt, accountId, baseline: baseline ? baselineLabel : null, changes: fresh, repeated: changes.length - fresh.length, delivery: null };
}

/** Watches the dashboard's own account once. */
export async function runWatchOnce(options: WatchRunOptions): Promise<WatchRunResult> {
  const target = getSettings().ATLAS_TARGET;
  const store = getWatchStore();
  const ranAt = new Date().toISOString();
  const { snapshot, callerArn, problem } = await takeSnapshot(options, (accountId) => store.getLastSnapshot(target, accountId), ranAt);
  if (!snapshot) {
    // Nothing was ever read and nothing can be now: there is no baseline to compare with.
    throw new Error(`The account could not be read (${problem ?? 'unknown error'}) and the watch has no earlier run to compare with.`);
  }
  const result = await compareAccount({ snapshot, callerArn, problem, clients: problem ? null : getAwsClients() }, options, ranAt);
  const delivery = options.webhookUrl ? await deliverPendingChanges(store, options.webhookUrl) : null;
  return { ...result, delivery };
}

function describeOutcomeProblem(outcome: Exclude<AccountAuditOutcome, { kind: 'scanned' } | { kind: 'skipped' }>): string {
  return outcome.kind === 'timed-out' ? `timed out after ${Math.round(outcome.afterMs / 1000)} s` : outcome.error.code;
}

/**
 * Reads one account of a finished organization audit: its stored findings and its role (through its access role).
 * An account the audit could not read keeps its last snapshot, so that the change is reported; without one there
 * is nothing to compare with, and the account is named as not watched.
 */
async function readOrganizationAccount(entry: AccountAudit, auditStartedAt: string, ranAt: string): Promise<AccountReading | { reason: string }> {
  const { account, outcome } = entry;
  const memberAccountId = account.isCaller ? undefined : account.id;
  const previous = getWatchStore().getLastSnapshot(getSettings().ATLAS_TARGET, account.id);
  const callerArn = entry.callerArn ?? 'unknown';
  const unreadable = (problem: string): AccountReading | { reason: string } =>
    previous
      ? { snapshot: toUnreadableSnapshot({ previous, problem, takenAt: ranAt }), callerArn, problem, clients: null, memberAccountId }
      : { reason: `could not be read (${problem}), and the watch has no earlier run of it to compare with` };
  if (outcome.kind === 'skipped') return { reason: `not audited: ${outcome.reason}` };
  if (outcome.kind !== 'scanned') return unreadable(describeOutcomeProblem(outcome));
  const audit = await getLastAudit({ target: getSettings().ATLAS_TARGET, accountId: account.id });
  // The account's findings as this organization audit stored them (never an older audit's).
  if (!audit || audit.target.accountId !== account.id || Date.parse(audit.startedAt) < Date.parse(auditStartedAt)) {
    return unreadable('its findings were not stored');
  }
  // The findings are compared even when the account cannot be opened again for its role (which is then unreadable).
  let clients: AwsClients | null = null;
  let role: WatchedRole;
  try {
    clients = (await connectToAccount(account)).clients;
    role = await readRole(clients);
  } catch (error) {
    role = { state: 'unreadable', problem: toAwsError(error).code };
  }
  return { snapshot: toWatchSnapshot({ audit, role, takenAt: ranAt, previous }), callerArn, clients, memberAccountId };
}

/** Accounts whose role the organization watch reads at once (two calls each, in as many accounts). */
const ROLE_READS_IN_FLIGHT = 8;

/** Watches every account of the organization once: one organization audit, then each account against its own baseline. */
async function runOrganizationWatchOnce(options: WatchRunOptions): Promise<WatchRound> {
  const ranAt = new Date().toISOString();
  const audit = await runOrganizationAudit();
  // Each account's role is read through its access role (AssumeRole, then GetRole): a few accounts at a time.
  const slots = new Semaphore(ROLE_READS_IN_FLIGHT);
  const readings = await Promise.all(
    audit.accounts.map(async (entry) => {
      await slots.acquire();
      try {
        return { entry, reading: await readOrganizationAccount(entry, audit.startedAt, ranAt) };
      } finally {
        slots.release();
      }
    }),
  );
  const accounts: WatchRunResult[] = [];
  const notWatched: WatchRound['notWatched'] = [];
  // Compared in the audit's order, one after another: each writes its records.
  for (const { entry, reading } of readings) {
    if ('reason' in reading) notWatched.push({ accountId: entry.account.id, reason: reading.reason });
    else accounts.push(await compareAccount(reading, options, ranAt));
    if (!entry.account.isCaller) releaseMemberClients(entry.account.id);
  }
  const delivery = options.webhookUrl ? await deliverPendingChanges(getWatchStore(), options.webhookUrl) : null;
  return { ranAt, accounts, notWatched, delivery };
}

/** One run of the watch: every account of the organization in organization mode, otherwise the dashboard's own. */
export async function runWatchRound(options: WatchRunOptions): Promise<WatchRound> {
  if (isOrganizationMode()) return runOrganizationWatchOnce(options);
  const { delivery, ...result } = await runWatchOnce(options);
  return { ranAt: result.ranAt, accounts: [{ ...result, delivery: null }], notWatched: [], delivery };
}
