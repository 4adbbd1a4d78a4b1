import { ROLE_NAME } from '@/lib/role/constants';
import { getKnownRole, type DataImpactKind, type WatchedContent, type WatchedRegion, type WatchedTask, type WatchSnapshot } from '@/lib/watch/snapshot';

// Compares a run of the watch with its baseline and names each change: the role recreated, a task newly relying
// on the role, a blocker gone, a region or the account no longer readable, new data the role feeds.

export type WatchChangeKind = 'role-recreated' | 'task-added' | 'blocker-removed' | 'region-unreadable' | 'account-unreadable' | 'data-impact-added';

export interface WatchChange {
  /** The same change always has the same key: what was recorded or sent once is never recorded or sent again. */
  key: string;
  kind: WatchChangeKind;
  accountId: string;
  /** The region concerned, or 'global' (the role, the account). */
  region: string;
  /** What the change is about: the role's ARN, a task's ARN, a region code, a resource's id. */
  subject: string;
  /** One sentence, ready for a chat message or a log line. */
  summary: string;
  details: Record<string, string | number | null>;
}

/** What a run is compared with. */
export type WatchBaseline =
  | { kind: 'previous-run'; snapshot: WatchSnapshot }
  /**
   * The state right after a deletion the wizard saw succeed: the role gone and, since IAM only deletes it when
   * nothing relies on it, no task on it anywhere. `snapshot` (the last run before, if any) gives the rest.
   */
  | { kind: 'deletion'; deletedAt: string; requestedAt: string; deletionTaskId: string; snapshot: WatchSnapshot | null };

/** The baseline for the next run: the last deletion when it came after the last run, otherwise the last run. */
export function chooseBaseline(
  last: WatchSnapshot | null,
  deletion: { finishedAt: string; requestedAt: string; deletionTaskId: string } | null,
): WatchBaseline | null {
  if (deletion && (!last || Date.parse(deletion.finishedAt) > Date.parse(last.takenAt))) {
    return { kind: 'deletion', deletedAt: deletion.finishedAt, requestedAt: deletion.requestedAt, deletionTaskId: deletion.deletionTaskId, snapshot: last };
  }
  return last ? { kind: 'previous-run', snapshot: last } : null;
}

export function describeBaseline(baseline: WatchBaseline): string {
  return baseline.kind === 'deletion' ? `the deletion of the role at ${baseline.deletedAt}` : `the run at ${baseline.snapshot.takenAt}`;
}

const DATA_LABELS: Record<DataImpactKind, string> = {
  'inventory-association': 'inventory association',
  'data-sync': 'resource data sync',
  'resource-group': 'resource group',
};

function compareRole(baseline: WatchBaseline, current: WatchSnapshot): WatchChange[] {
  const now = getKnownRole(current.role);
  if (now?.state !== 'present') return [];
  const base = baseline.kind === 'deletion' ? ({ state: 'absent' } as const) : getKnownRole(baseline.snapshot.role);
  if (!base) return [];
  if (base.state === 'present' && base.roleId === now.roleId) return [];
  // After a deletion, a role created before it was requested is the old one still visible (IAM is eventually
  // consistent). IAM gives CreateDate in whole seconds, so the request time is cut to its second.
  if (baseline.kind === 'deletion' && Date.parse(now.createDate) < Math.floor(Date.parse(baseline.requestedAt) / 1000) * 1000) return [];
  const after = baseline.kind === 'deletion' ? ` after its deletion at ${baseline.deletedAt}` : base.state === 'present' ? ` (it was ${base.roleId})` : ' after it was absent';
  return [
    {
      key: `role-recreated:${now.roleId}`,
      kind: 'role-recreated',
      accountId: current.accountId,
      region: 'global',
      subject: now.arn,
      summary: `${ROLE_NAME} was recreated in account ${current.accountId}${after}: RoleId ${now.roleId}, created ${now.createDate}.`,
      details: {
        roleId: now.roleId,
        createDate: now.createDate,
        previousRoleId: base.state === 'present' ? base.roleId : null,
        deletedAt: baseline.kind === 'deletion' ? baseline.deletedAt : null,
        deletionTaskId: baseline.kind === 'deletion' ? baseline.deletionTaskId : null,
      },
    },
  ];
}

function taskLabel(task: { name?: string; taskArn: string; windowName: string; windowId: string }): string {
  return `${task.name ?? task.taskArn} in maintenance window ${task.windowName} (${task.windowId})`;
}

/** A task that began, or stopped, relying on the role. */
function toTaskChange(kind: 'task-added' | 'blocker-removed', task: WatchedTask, accountId: string, region: string): WatchChange {
  const relies = kind === 'task-added' ? 'now relies' : 'no longer relies';
  return {
    key: `${kind}:${task.arn}`,
    kind,
    accountId,
    region,
    subject: task.arn,
    summary: `A maintenance-window task ${relies} on ${ROLE_NAME} in ${region}: ${taskLabel(task)}.`,
    details: { taskArn: task.arn, windowId: task.windowId, windowName: task.windowName, runs: task.taskArn },
  };
}

function compareRegion(baselineKind: WatchBaseline['kind'], base: WatchedRegion | undefined, baseContent: WatchedContent | null, current: WatchedRegion, accountId: string, baselineAt: string): WatchChange[] {
  const changes: WatchChange[] = [];
  const region = current.code;
  if (base?.isReadable && !current.isReadable) {
    changes.push({
      key: `region-unreadable:${accountId}:${region}:${baselineAt}`,
      kind: 'region-unreadable',
      accountId,
      region,
      subject: region,
      summary: `Region ${region} of account ${accountId} could not be read (${current.problem ?? 'unknown error'}): what relies on the role there is unknown.`,
      details: { problem: current.problem ?? null },
    });
  }
  const now = current.content;
  if (!now || !baseContent) return changes;

  const before = new Set(baseContent.blockingTasks.map((task) => task.arn));
  const after = new Set(now.blockingTasks.map((task) => task.arn));
  for (const task of now.blockingTasks.filter((entry) => !before.has(entry.arn))) {
    changes.push(toTaskChange('task-added', task, accountId, region));
  }
  // Only a region read in both runs can show that a blocker went; after a deletion there were none to go.
  if (current.isReadable && baselineKind === 'previous-run') {
    for (const task of baseContent.blockingTasks.filter((entry) => !after.has(entry.arn))) {
      changes.push(toTaskChange('blocker-removed', task, accountId, region));
    }
  }

  const known = new Set(baseContent.data.map((entry) => `${entry.kind}|${entry.id}`));
  for (const entry of now.data.filter((item) => !known.has(`${item.kind}|${item.id}`))) {
    changes.push({
      key: `data-impact-added:${accountId}:${region}:${entry.kind}:${entry.id}`,
      kind: 'data-impact-added',
      accountId,
      region,
      subject: entry.id,
      summary: `New data fed by ${ROLE_NAME} in ${region}: ${DATA_LABELS[entry.kind]} ${entry.label}.`,
      details: { dataKind: entry.kind, id: entry.id, label: entry.label },
    });
  }
  if (now.taggedResources > baseContent.taggedResources) {
    changes.push({
      key: `data-impact-added:${accountId}:${region}:tagged-resources:${baselineAt}`,
      kind: 'data-impact-added',
      accountId,
      region,
      subject: region,
      summary: `More tagged resources whose tags ${ROLE_NAME} reads in ${region}: ${now.taggedResources} (were ${baseContent.taggedResources}).`,
      details: { dataKind: 'tagged-resources', count: now.taggedResources, previousCount: baseContent.taggedResources },
    });
  }
  return changes;
}

/** Every change from the baseline to the current run, in a stable order: role, then regions by code. */
export function compareWithBaseline(baseline: WatchBaseline, current: WatchSnapshot): WatchChange[] {
  const baselineAt = baseline.kind === 'deletion' ? baseline.deletedAt : baseline.snapshot.takenAt;
  const changes = [...compareRole(baseline, current)];
  const base = baseline.snapshot;
  if (current.accountProblem) {
    if (!base?.accountProblem) {
      changes.push({
        key: `account-unreadable:${current.accountId}:${baselineAt}`,
        kind: 'account-unreadable',
        accountId: current.accountId,
        region: 'global',
        subject: current.accountId,
        summary: `Account ${current.accountId} could not be read (${current.accountProblem}): whether the role is back, or what relies on it, is unknown.`,
        details: { problem: current.accountProblem },
      });
    }
    return changes;
  }
  const baseRegions = new Map((base?.regions ?? []).map((region) => [region.code, region]));
  for (const region of [...current.regions].sort((a, b) => a.code.localeCompare(b.code))) {
    const before = baseRegions.get(region.code);
    // After a deletion nothing relied on the role: the tasks start empty, the data is the last run's.
    const content =
      baseline.kind === 'deletion'
        ? { blockingTasks: [], data: before?.content?.data ?? region.content?.data ?? [], taggedResources: before?.content?.taggedResources ?? region.content?.taggedResources ?? 0 }
        : (before?.content ?? null);
    changes.push(...compareRegion(baseline.kind, before, content, region, current.accountId, baselineAt));
  }
  return changes;
}
