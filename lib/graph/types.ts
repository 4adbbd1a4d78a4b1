// The dependency graph's model: what the browser receives from the last audit (GraphSource), and the nodes and
// edges built from it. Plain data, free of React and of the layout engine, so it can be tested and benchmarked.

import type {
  DataSyncFinding,
  InventoryAssociationFinding,
  MaintenanceWindowFinding,
  RegionScanStatus,
} from '@/lib/audit/types';

export type Capability = 'inventory' | 'maintenance-windows' | 'explorer';

export const CAPABILITIES: readonly Capability[] = ['inventory', 'maintenance-windows', 'explorer'];

export const CAPABILITY_LABELS: Record<Capability, string> = {
  inventory: 'Inventory',
  'maintenance-windows': 'Maintenance Windows',
  explorer: 'Explorer',
};

/**
 * What deleting the role does to a node:
 * - `blocker`: keeps the role alive (tasks relying on it, and the windows, regions and capability holding them);
 * - `data-loss`: stops working and loses data (Inventory associations and their targets, Explorer data syncs);
 * - `unaffected`: runs on its own role (tasks with a custom ServiceRoleArn) or holds nothing that uses the role;
 * - `unknown`: the region could not be read, so nothing can be said about it (never shown as clean);
 * - `neutral`: the role itself or a capability with nothing in it.
 */
export type Impact = 'blocker' | 'data-loss' | 'unaffected' | 'unknown' | 'neutral';

export const IMPACTS: readonly Impact[] = ['blocker', 'data-loss', 'unaffected', 'unknown', 'neutral'];

export type GraphNodeKind =
  | 'role'
  | 'capability'
  | 'region'
  | 'window'
  | 'window-group'
  | 'task'
  | 'association'
  | 'target'
  | 'data-sync';

/** How the scan of a region ended, reduced to what the graph shows. */
export type RegionCondition = 'ok' | 'unknown';

export interface WindowSummary {
  windows: number;
  tasks: number;
  /** Tasks without their own role or naming the service-linked role: they block deletion. */
  relyingTasks: number;
  /** Tasks running as a custom role: unaffected. */
  customTasks: number;
  /** Windows holding at least one relying task. */
  blockingWindows: number;
}

/** One scanned (or unreadable) region as the graph needs it. `windows` is null when not sent to the browser. */
export interface GraphSourceRegion {
  code: string;
  name: string;
  condition: RegionCondition;
  status: RegionScanStatus;
  /** A one-line explanation of an unknown region (the error code and message). */
  statusMessage?: string;
  warnings: string[];
  summary: WindowSummary;
  windows: MaintenanceWindowFinding[] | null;
  inventoryAssociations: InventoryAssociationFinding[];
  dataSyncs: DataSyncFinding[];
  resourceGroupCount: number;
  taggedResourceCount: number;
}

/**
 * A region's use of the role as CloudTrail records it (the evidence of use): its newest session, none in the
 * last 90 days, or unknown (the region's events could not be read).
 */
export type GraphRegionUse = { kind: 'used'; at: string } | { kind: 'unused' } | { kind: 'unknown' };

/** The evidence of use the graph shows on region and capability nodes. */
export interface GraphEvidence {
  collectedAt: string;
  /** By region code; a region absent from it was not in the evidence (shown as unknown). */
  regions: Record<string, GraphRegionUse>;
}

/** The part of the last audit the graph draws; serialisable, sent from the server to the graph component. */
export interface GraphSource {
  auditId: string;
  finishedAt: string;
  target: 'sandbox' | 'aws';
  accountId: string;
  /** Set when the account is a member account shown through `?account=`: the graph's own links stay in it. */
  memberAccountId?: string;
  partition: string;
  roleArn: string;
  roleExists: boolean;
  /** Regions with something to draw, or that could not be read. */
  regions: GraphSourceRegion[];
  /** Regions scanned with nothing that uses the role. */
  cleanRegions: string[];
  /** Regions not enabled in the account: listed, not scanned. */
  notEnabledRegions: string[];
  /** The role's last use per region (CloudTrail), when the evidence of use has been collected. */
  evidence?: GraphEvidence;
}

export interface GraphLink {
  href: string;
  label: string;
  isExternal: boolean;
}

export interface GraphFact {
  term: string;
  description: string;
}

export interface GraphNodeModel {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** A second line: a count, a status, a type. */
  detail?: string;
  impact: Impact;
  /** The region could not be fully read: drawn dashed, whatever its impact. */
  isUncertain: boolean;
  /** Column in the layered layout: role 0, capability 1, region 2, window/association/sync 3, task/target 4. */
  layer: number;
  regionCode?: string;
  /** The capability a node belongs to; regions list every capability they appear under. */
  capabilities: Capability[];
  /** Extra text the search box matches (ARNs and ids), beside the label and the node id. */
  searchText: string;
  facts: GraphFact[];
  /** The region page, the AWS console, and the delete-wizard action that resolves the node. */
  links: GraphLink[];
  /** For window-group nodes: how many nodes the group stands for, and whether the client has the detail. */
  group?: { regionCode: string; isLoaded: boolean };
}

export interface GraphEdgeModel {
  id: string;
  source: string;
  target: string;
  impact: Impact;
  /** Dashed: the region could not be read. */
  isUncertain: boolean;
}

export interface GraphCounts {
  /** Maintenance-window tasks relying on the role: each one blocks deletion. */
  blockers: number;
  blockingWindows: number;
  blockingRegions: number;
  /** Inventory associations and Explorer data syncs that lose their data. */
  dataImpact: number;
  /** Tasks on custom roles. */
  unaffected: number;
  unknownRegions: number;
}

export interface DependencyGraph {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  counts: GraphCounts;
}

export interface GraphBuildOptions {
  /** Regions whose windows are drawn one by one even above the grouping threshold. */
  expandedRegions?: ReadonlySet<string>;
  /** Above this many windows in a region, its windows and tasks become one summary node until expanded. */
  groupThreshold?: number;
}

export const DEFAULT_GROUP_THRESHOLD = 25;

export interface GraphFilters {
  /** Empty: every region. */
  regions: string[];
  /** Empty: every capability. */
  capabilities: Capability[];
  isBlockersOnly: boolean;
  search: string;
}

export const EMPTY_FILTERS: GraphFilters = { regions: [], capabilities: [], isBlockersOnly: false, search: '' };
