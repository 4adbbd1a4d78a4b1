import { getRegionCounts, isRegionUnknown } from '@/lib/audit/summary';
import type { AuditResult, RegionAudit } from '@/lib/audit/types';

// What the watch keeps of one audit to compare with the next: the role's identity, and per region the tasks
// that rely on the role and the data it feeds. Plain data, stored as JSON.

export interface WatchedTask {
  arn: string;
  windowId: string;
  windowName: string;
  /** The document, automation, function or state machine the task runs. */
  taskArn: string;
  name?: string;
}

export type DataImpactKind = 'inventory-association' | 'data-sync' | 'resource-group';

export interface WatchedData {
  kind: DataImpactKind;
  /** Association id, sync name or group ARN. */
  id: string;
  label: string;
}

export interface WatchedContent {
  blockingTasks: WatchedTask[];
  data: WatchedData[];
  taggedResources: number;
}

export interface WatchedRegion {
  code: string;
  /** false when this run could not read the region; `content` is then the last content read, if any. */
  isReadable: boolean;
  /** Why the region was not read (its error code, or the deadline). */
  problem?: string;
  content: WatchedContent | null;
}

export type KnownRole = { state: 'present'; arn: string; roleId: string; createDate: string } | { state: 'absent' };

/** An unreadable role keeps the last state read, so a recreation during an outage is still noticed after it. */
export type WatchedRole = KnownRole | { state: 'unreadable'; problem: string; lastKnown?: KnownRole };

/** What the role was last seen as: this snapshot's reading, or the last one before it. */
export function getKnownRole(role: WatchedRole): KnownRole | undefined {
  return role.state === 'unreadable' ? role.lastKnown : role;
}

function withLastKnown(role: WatchedRole, previous: WatchSnapshot | null | undefined): WatchedRole {
  if (role.state !== 'unreadable' || role.lastKnown || !previous) return role;
  const lastKnown = getKnownRole(previous.role);
  return lastKnown ? { ...role, lastKnown } : role;
}

export interface WatchSnapshot {
  takenAt: string;
  target: string;
  accountId: string;
  /** The audit this snapshot was taken from; absent when the account could not be read at all. */
  auditId?: string;
  /** Set when the account could not be read at all; the regions are then the last ones read. */
  accountProblem?: string;
  role: WatchedRole;
  regions: WatchedRegion[];
}

const EMPTY_CONTENT: WatchedContent = { blockingTasks: [], data: [], taggedResources: 0 };

function toContent(region: RegionAudit): WatchedContent | null {
  if (region.status.kind === 'not-enabled') return EMPTY_CONTENT;
  const findings = region.findings;
  if (region.status.kind !== 'ok' || !findings) return null;
  const blockingTasks = findings.windows.flatMap((window) =>
    window.tasks
      .filter((task) => task.reliesOnRole)
      .map((task) => ({ arn: task.arn, windowId: window.windowId, windowName: window.name, taskArn: task.taskArn, ...(task.name ? { name: task.name } : {}) })),
  );
  const data: WatchedData[] = [
    ...findings.inventoryAssociations.map((association) => ({
      kind: 'inventory-association' as const,
      id: association.associationId,
      label: association.associationName ?? association.documentName,
    })),
    ...findings.dataSyncs.map((sync) => ({ kind: 'data-sync' as const, id: sync.syncName, label: sync.syncName })),
    ...findings.resourceGroups.map((group) => ({ kind: 'resource-group' as const, id: group.arn, label: group.name })),
  ];
  return { blockingTasks, data, taggedResources: getRegionCounts(region)?.taggedResources ?? 0 };
}

/**
 * The snapshot of an audit. A region this audit could not read keeps what `previous` last read there, so a task
 * added while the region was unreadable is still reported once it can be read again.
 */
export function toWatchSnapshot(options: { audit: AuditResult; role: WatchedRole; takenAt: string; previous?: WatchSnapshot | null }): WatchSnapshot {
  const { audit, role, takenAt, previous } = options;
  const previousRegions = new Map((previous?.regions ?? []).map((region) => [region.code, region]));
  return {
    takenAt,
    target: audit.target.target,
    accountId: audit.target.accountId,
    auditId: audit.id,
    role: withLastKnown(role, previous),
    regions: audit.regions.map((region) => {
      const code = region.region.code;
      if (isRegionUnknown(region.status)) {
        const problem = region.status.kind === 'timed-out' ? 'timed out' : 'error' in region.status ? region.status.error.code : region.status.kind;
        return { code, isReadable: false, problem, content: previousRegions.get(code)?.content ?? null };
      }
      return { code, isReadable: true, content: toContent(region) };
    }),
  };
}

/** The snapshot of a run that could not read the account at all: the last regions read, none readable now. */
export function toUnreadableSnapshot(options: { previous: WatchSnapshot; problem: string; takenAt: string }): WatchSnapshot {
  const { previous, problem, takenAt } = options;
  return {
    takenAt,
    target: previous.target,
    accountId: previous.accountId,
    accountProblem: problem,
    role: withLastKnown({ state: 'unreadable', problem }, previous),
    regions: previous.regions.map((region) => ({ ...region, isReadable: false, problem })),
  };
}
