// Builds the dependency graph (role → capability → region → window → task, region → association → target,
// region → data sync) from the graph source, with each node classified by what deleting the role does to it.

import type {
  DataSyncFinding,
  InventoryAssociationFinding,
  MaintenanceWindowFinding,
  MaintenanceWindowTaskFinding,
  TargetFinding,
  TaskRoleUse,
} from '@/lib/audit/types';
import {
  getAssociationConsoleLink,
  getDataImpactWizardLink,
  getDataSyncConsoleLink,
  getMaintenanceWindowsConsoleLink,
  getRegionPageLink,
  getRegionWizardLink,
  getResourceGroupConsoleLink,
  getRoleConsoleLink,
  getSystemsManagerConsoleLink,
  getTagEditorConsoleLink,
  getTaskConsoleLink,
  getTaskWizardLink,
  getWindowConsoleLink,
    getWindowWizardLink,
  getWizardStartLink,
} from '@/lib/graph/links';
import { withAccount } from '@/lib/org/account-href';
import {
  CAPABILITIES,
  CAPABILITY_LABELS,
  DEFAULT_GROUP_THRESHOLD,
  type Capability,
  type DependencyGraph,
  type GraphBuildOptions,
  type GraphCounts,
  type GraphEdgeModel,
  type GraphNodeModel,
  type GraphRegionUse,
  type GraphSource,
  type GraphSourceRegion,
  type Impact,
} from '@/lib/graph/types';
import { describeDataSync } from '@/lib/audit/classify';
import { ROLE_NAME } from '@/lib/role/constants';
import { formatCount, pluralize } from '@/lib/format/count';

export const ROLE_NODE_ID = 'role';

export function getCapabilityNodeId(capability: Capability): string {
  return `capability:${capability}`;
}

export function getRegionNodeId(regionCode: string): string {
  return `region:${regionCode}`;
}

export function getWindowGroupNodeId(regionCode: string): string {
  return `window-group:${regionCode}`;
}

export function getWindowNodeId(regionCode: string, windowId: string): string {
  return `window:${regionCode}:${windowId}`;
}

export function getTaskNodeId(regionCode: string, windowId: string, windowTaskId: string): string {
  return `task:${regionCode}:${windowId}:${windowTaskId}`;
}

const ROLE_USE_TEXT: Record<TaskRoleUse, string> = {
  'service-linked-implicit': 'No ServiceRoleArn: runs as the service-linked role',
  'service-linked-explicit': 'ServiceRoleArn names the service-linked role',
  custom: 'Runs as its own (custom) role',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as short as a node needs (UTC): within CloudTrail's 90 days the year goes without saying. */
function formatShortDay(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** The few words a node shows for its last use (CloudTrail). */
function describeUse(use: GraphRegionUse): string {
  if (use.kind === 'used') return `used ${formatShortDay(use.at)}`;
  return use.kind === 'unused' ? 'no use in 90 days' : 'use unknown';
}

/** The same, in full, for the details panel. */
function describeUseFact(use: GraphRegionUse, region?: string): string {
  if (use.kind === 'used') return `${use.at}${region ? ` in ${region}` : ''}: assumed by Systems Manager`;
  if (use.kind === 'unused') return 'Not assumed by Systems Manager in the last 90 days';
  return 'Unknown: CloudTrail could not be read';
}

/** A region's use as the evidence says, or unknown when the evidence does not cover it. */
function getRegionUse(source: GraphSource, regionCode: string): GraphRegionUse | undefined {
  if (!source.evidence) return undefined;
  return source.evidence.regions[regionCode] ?? { kind: 'unknown' };
}

/** The newest use over some regions; unused only when every one was read without use. */
function getNewestUse(source: GraphSource, regionCodes: readonly string[]): { use: GraphRegionUse; region?: string } | undefined {
  if (!source.evidence || regionCodes.length === 0) return undefined;
  let newest: { use: GraphRegionUse & { kind: 'used' }; region: string } | undefined;
  let isAnyUnknown = false;
  for (const code of regionCodes) {
    const use = getRegionUse(source, code)!;
    if (use.kind === 'used' && (!newest || use.at > newest.use.at)) newest = { use, region: code };
    if (use.kind === 'unknown') isAnyUnknown = true;
  }
  if (newest) return newest;
  return { use: { kind: isAnyUnknown ? 'unknown' : 'unused' } };
}

function formatTargets(targets: readonly TargetFinding[]): string {
  if (targets.length === 0) return 'none';
  return targets.map((target) => `${target.key}=${target.values.join(',')}`).join('; ');
}

/** Collects nodes and edges, ignoring a second node with the same id (shared tag and group targets). */
class GraphCollector {
  readonly nodes: GraphNodeModel[] = [];
  readonly edges: GraphEdgeModel[] = [];
  private readonly nodeIds = new Set<string>();
  private readonly edgeIds = new Set<string>();

  addNode(node: GraphNodeModel): void {
    if (this.nodeIds.has(node.id)) return;
    this.nodeIds.add(node.id);
    this.nodes.push(node);
  }

  addEdge(source: string, target: string, impact: Impact, isUncertain = false): void {
    const id = `${source}->${target}`;
    if (this.edgeIds.has(id)) return;
    this.edgeIds.add(id);
    this.edges.push({ id, source, target, impact, isUncertain });
  }
}

interface BuildContext {
  source: GraphSource;
  collector: GraphCollector;
  expandedRegions: ReadonlySet<string>;
  groupThreshold: number;
}

export function countGraphSource(source: GraphSource, regionCodes?: ReadonlySet<string>): GraphCounts {
  const counts: GraphCounts = { blockers: 0, blockingWindows: 0, blockingRegions: 0, dataImpact: 0, unaffected: 0, unknownRegions: 0 };
  for (const region of source.regions) {
    if (regionCodes && regionCodes.size > 0 && !regionCodes.has(region.code)) continue;
    counts.blockers += region.summary.relyingTasks;
    counts.blockingWindows += region.summary.blockingWindows;
    if (region.summary.relyingTasks > 0) counts.blockingRegions += 1;
    counts.dataImpact += region.inventoryAssociations.length + region.dataSyncs.length;
    counts.unaffected += region.summary.customTasks;
    if (region.condition === 'unknown') counts.unknownRegions += 1;
  }
  return counts;
}

function getRegionCapabilities(region: GraphSourceRegion): Capability[] {
  const capabilities: Capability[] = [];
  if (region.inventoryAssociations.length > 0) capabilities.push('inventory');
  if (region.summary.windows > 0) capabilities.push('maintenance-windows');
  if (region.dataSyncs.length > 0) capabilities.push('explorer');
  return capabilities;
}

function getRegionImpact(region: GraphSourceRegion): Impact {
  if (region.summary.relyingTasks > 0) return 'blocker';
  if (region.condition === 'unknown') return 'unknown';
  if (region.inventoryAssociations.length > 0 || region.dataSyncs.length > 0) return 'data-loss';
  return 'unaffected';
}

function addRegion(context: BuildContext, region: GraphSourceRegion): void {
  const { source, collector } = context;
  const regionId = getRegionNodeId(region.code);
  const isUnknown = region.condition === 'unknown';
  const capabilities = getRegionCapabilities(region);
  const summary = region.summary;
  const facts = [
    { term: 'Region', description: `${region.name} (${region.code})` },
    { term: 'Scan', description: isUnknown ? `Unknown: ${region.statusMessage ?? 'not read'}` : 'Read completely' },
    { term: 'Maintenance windows', description: `${pluralize(summary.windows, 'window')}, ${pluralize(summary.tasks, 'task')}` },
    { term: 'Tasks relying on the role', description: formatCount(summary.relyingTasks) },
    { term: 'Tasks on custom roles', description: formatCount(summary.customTasks) },
    { term: 'Inventory associations', description: String(region.inventoryAssociations.length) },
    { term: 'Explorer data syncs', description: String(region.dataSyncs.length) },
    { term: 'Resource groups', description: String(region.resourceGroupCount) },
    { term: 'Tagged resources', description: formatCount(region.taggedResourceCount) },
  ];
  for (const warning of region.warnings) facts.push({ term: 'Partial data', description: warning });
  const use = getRegionUse(source, region.code);
  if (use) facts.push({ term: 'Last use (CloudTrail)', description: describeUseFact(use) });
  const links = [getRegionPageLink(region.code), getSystemsManagerConsoleLink(source.partition, region.code)];
  if (summary.relyingTasks > 0) links.push(getRegionWizardLink(region.code));
  else if (capabilities.includes('inventory') || capabilities.includes('explorer')) links.push(getDataImpactWizardLink());
  const configuration = isUnknown
    ? 'Unknown: scan did not complete'
    : summary.relyingTasks > 0
      ? `${pluralize(summary.relyingTasks, 'task')} on the role`
      : region.name;
  const detail = use ? `${describeUse(use)} · ${configuration}` : configuration;
  collector.addNode({
    id: regionId,
    kind: 'region',
    label: region.code,
    detail,
    impact: getRegionImpact(region),
    isUncertain: isUnknown,
    layer: 2,
    regionCode: region.code,
    capabilities,
    searchText: `${region.code} ${region.name}`,
    facts,
    links,
  });
  if (isUnknown) collector.addEdge(ROLE_NODE_ID, regionId, 'unknown', true);
  for (const capability of capabilities) {
    const impact: Impact = capability === 'maintenance-windows' ? (summary.relyingTasks > 0 ? 'blocker' : 'unaffected') : 'data-loss';
    collector.addEdge(getCapabilityNodeId(capability), regionId, impact, isUnknown);
  }
  if (summary.windows > 0) addWindows(context, region);
  for (const association of region.inventoryAssociations) addAssociation(context, region, association);
  for (const sync of region.dataSyncs) addDataSync(context, region, sync);
}

function addWindows(context: BuildContext, region: GraphSourceRegion): void {
  const isGrouped =
    region.windows === null || (region.summary.windows > context.groupThreshold && !context.expandedRegions.has(region.code));
  if (isGrouped || region.windows === null) {
    addWindowGroup(context, region);
    return;
  }
  for (const window of region.windows) addWindow(context, region, window);
}

function addWindowGroup(context: BuildContext, region: GraphSourceRegion): void {
  const { source, collector } = context;
  const summary = region.summary;
  const id = getWindowGroupNodeId(region.code);
  const impact: Impact = summary.relyingTasks > 0 ? 'blocker' : 'unaffected';
  const label = `${pluralize(summary.windows, 'window')} · ${pluralize(summary.tasks, 'task')} · ${formatCount(summary.relyingTasks)} on the role`;
  const links = [getRegionPageLink(region.code), getMaintenanceWindowsConsoleLink(source.partition, region.code)];
  if (summary.relyingTasks > 0) links.push(getRegionWizardLink(region.code));
  collector.addNode({
    id,
    kind: 'window-group',
    label,
    detail: `${region.code} · select to expand`,
    impact,
    isUncertain: region.condition === 'unknown',
    layer: 3,
    regionCode: region.code,
    capabilities: ['maintenance-windows'],
    searchText: `${region.code} maintenance windows`,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Maintenance windows', description: formatCount(summary.windows) },
      { term: 'Windows holding blocking tasks', description: formatCount(summary.blockingWindows) },
      { term: 'Tasks', description: formatCount(summary.tasks) },
      { term: 'Tasks relying on the role', description: formatCount(summary.relyingTasks) },
      { term: 'Tasks on custom roles', description: formatCount(summary.customTasks) },
    ],
    links,
    group: { regionCode: region.code, isLoaded: region.windows !== null },
  });
  collector.addEdge(getRegionNodeId(region.code), id, impact);
}

function addWindow(context: BuildContext, region: GraphSourceRegion, window: MaintenanceWindowFinding): void {
  const { collector } = context;
  const id = getWindowNodeId(region.code, window.windowId);
  const relying = window.tasks.filter((task) => task.reliesOnRole).length;
  const impact: Impact = relying > 0 ? 'blocker' : 'unaffected';
  const links = [getRegionPageLink(region.code), getWindowConsoleLink(context.source.partition, region.code, window.windowId)];
  if (relying > 0) links.push(getWindowWizardLink());
  collector.addNode({
    id,
    kind: 'window',
    label: window.name,
    detail: `${window.windowId} · ${relying}/${window.tasks.length} tasks on the role`,
    impact,
    isUncertain: region.condition === 'unknown',
    layer: 3,
    regionCode: region.code,
    capabilities: ['maintenance-windows'],
    searchText: `${window.windowId} ${window.description ?? ''}`,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Window id', description: window.windowId },
      { term: 'State', description: window.isEnabled ? 'Enabled' : 'Disabled' },
      { term: 'Schedule', description: window.schedule ?? 'none' },
      { term: 'Tasks', description: String(window.tasks.length) },
      { term: 'Tasks relying on the role', description: String(relying) },
      ...(window.description ? [{ term: 'Description', description: window.description }] : []),
    ],
    links,
  });
  collector.addEdge(getRegionNodeId(region.code), id, impact);
  for (const task of window.tasks) addTask(context, region, window, task);
}

function addTask(
  context: BuildContext,
  region: GraphSourceRegion,
  window: MaintenanceWindowFinding,
  task: MaintenanceWindowTaskFinding,
): void {
  const { collector } = context;
  const id = getTaskNodeId(region.code, window.windowId, task.windowTaskId);
  const impact: Impact = task.reliesOnRole ? 'blocker' : 'unaffected';
  const links = [getRegionPageLink(region.code), getTaskConsoleLink(context.source.partition, region.code, window.windowId, task.windowTaskId)];
  if (task.reliesOnRole) links.push(getTaskWizardLink(task.arn));
  collector.addNode({
    id,
    kind: 'task',
    label: task.name ?? task.windowTaskId,
    detail: `${task.type} · ${task.reliesOnRole ? 'runs as the role' : 'custom role'}`,
    impact,
    isUncertain: region.condition === 'unknown',
    layer: 4,
    regionCode: region.code,
    capabilities: ['maintenance-windows'],
    searchText: `${task.arn} ${task.windowTaskId} ${task.taskArn}`,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Window', description: `${window.name} (${window.windowId})` },
      { term: 'Task id', description: task.windowTaskId },
      { term: 'Task ARN', description: task.arn },
      { term: 'Type', description: task.type },
      { term: 'Runs', description: task.taskArn },
      { term: 'Role', description: task.serviceRoleArn ? `${ROLE_USE_TEXT[task.roleUse]} (${task.serviceRoleArn})` : ROLE_USE_TEXT[task.roleUse] },
      { term: 'Deletion', description: task.reliesOnRole ? 'Blocks deletion of the role' : 'Unaffected by the deletion' },
      ...(task.priority !== undefined ? [{ term: 'Priority', description: String(task.priority) }] : []),
      { term: 'Targets', description: formatTargets(task.targets) },
    ],
    links,
  });
  collector.addEdge(getWindowNodeId(region.code, window.windowId), id, impact);
}

function addAssociation(context: BuildContext, region: GraphSourceRegion, association: InventoryAssociationFinding): void {
  const { collector } = context;
  const id = `association:${region.code}:${association.associationId}`;
  collector.addNode({
    id,
    kind: 'association',
    label: association.associationName ?? association.associationId,
    detail: `${association.documentName} · loses role-fed data`,
    impact: 'data-loss',
    isUncertain: region.condition === 'unknown',
    layer: 3,
    regionCode: region.code,
    capabilities: ['inventory'],
    searchText: `${association.associationId} ${association.documentName}`,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Association id', description: association.associationId },
      { term: 'Document', description: association.documentName },
      { term: 'Targets', description: formatTargets(association.targets) },
      { term: 'Uses tags', description: association.usesTags ? 'Yes: tag inventory stops without the role' : 'No' },
      {
        term: 'Uses resource groups',
        description: association.usesResourceGroups ? 'Yes: resource-group inventory stops without the role' : 'No',
      },
      { term: 'Last run', description: association.lastExecutionDate ?? 'never' },
    ],
    links: [
      getRegionPageLink(region.code),
      getAssociationConsoleLink(context.source.partition, region.code, association.associationId),
      getDataImpactWizardLink(),
    ],
  });
  collector.addEdge(getRegionNodeId(region.code), id, 'data-loss');
  for (const target of association.targets) {
    if (target.key.startsWith('tag:') || target.key === 'tag-key') addTagTarget(context, region, id, target);
    else if (target.key === 'resource-groups:Name') {
      for (const groupName of target.values) addResourceGroupTarget(context, region, id, groupName);
    }
  }
}

function addTagTarget(context: BuildContext, region: GraphSourceRegion, associationId: string, target: TargetFinding): void {
  const { collector } = context;
  const text = target.key === 'tag-key' ? `tag key ${target.values.join(', ')}` : `${target.key}=${target.values.join(',')}`;
  const id = `target:${region.code}:${target.key}=${target.values.join(',')}`;
  collector.addNode({
    id,
    kind: 'target',
    label: text,
    detail: 'Tag target · read through the role',
    impact: 'data-loss',
    isUncertain: region.condition === 'unknown',
    layer: 4,
    regionCode: region.code,
    capabilities: ['inventory'],
    searchText: text,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Target', description: `${target.key} = ${target.values.join(', ')}` },
      { term: 'Tagged resources in the region', description: formatCount(region.taggedResourceCount) },
      { term: 'Deletion', description: 'Inventory stops expanding this tag target (AWS:Tag data is lost)' },
    ],
    links: [getRegionPageLink(region.code), getTagEditorConsoleLink(context.source.partition, region.code), getDataImpactWizardLink()],
  });
  collector.addEdge(associationId, id, 'data-loss');
}

function addResourceGroupTarget(context: BuildContext, region: GraphSourceRegion, associationId: string, groupName: string): void {
  const { collector } = context;
  const id = `target:${region.code}:resource-group:${groupName}`;
  collector.addNode({
    id,
    kind: 'target',
    label: `resource group ${groupName}`,
    detail: 'Resource group target · read through the role',
    impact: 'data-loss',
    isUncertain: region.condition === 'unknown',
    layer: 4,
    regionCode: region.code,
    capabilities: ['inventory'],
    searchText: groupName,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Resource group', description: groupName },
      { term: 'Deletion', description: 'Inventory stops expanding this group (AWS:ResourceGroup data is lost)' },
    ],
    links: [
      getRegionPageLink(region.code),
      getResourceGroupConsoleLink(context.source.partition, region.code, groupName),
      getDataImpactWizardLink(),
    ],
  });
  collector.addEdge(associationId, id, 'data-loss');
}

function addDataSync(context: BuildContext, region: GraphSourceRegion, sync: DataSyncFinding): void {
  const { collector } = context;
  const id = `data-sync:${region.code}:${sync.syncName}`;
  const description = describeDataSync(sync);
  collector.addNode({
    id,
    kind: 'data-sync',
    label: sync.syncName,
    detail: `${description.label} · ${sync.state ?? sync.lastStatus ?? 'state unknown'}`,
    impact: 'data-loss',
    isUncertain: region.condition === 'unknown',
    layer: 3,
    regionCode: region.code,
    capabilities: [description.kind === 'explorer' ? 'explorer' : 'inventory'],
    searchText: `${sync.syncName} ${sync.syncType ?? ''} ${description.label}`,
    facts: [
      { term: 'Region', description: `${region.name} (${region.code})` },
      { term: 'Sync name', description: sync.syncName },
      { term: 'Type', description: `${description.label} (${sync.syncType ?? 'type unknown'})` },
      { term: 'Source', description: sync.sourceType ?? 'unknown' },
      { term: 'Source state', description: sync.state ?? 'unknown' },
      { term: 'Last status', description: sync.lastStatus ?? 'unknown' },
      { term: 'Last sync', description: sync.lastSyncTime ?? 'never' },
      { term: 'Deletion', description: description.effect },
    ],
    links: [getRegionPageLink(region.code), getDataSyncConsoleLink(context.source.partition, region.code, sync.syncType), getDataImpactWizardLink()],
  });
  collector.addEdge(getRegionNodeId(region.code), id, 'data-loss');
}

function getCapabilityImpact(capability: Capability, counts: GraphCounts, regions: readonly GraphSourceRegion[]): Impact {
  if (capability === 'maintenance-windows') {
    if (counts.blockers > 0) return 'blocker';
    return regions.some((region) => region.summary.windows > 0) ? 'unaffected' : 'neutral';
  }
  const hasData =
    capability === 'inventory'
      ? regions.some((region) => region.inventoryAssociations.length > 0)
      : regions.some((region) => region.dataSyncs.length > 0);
  return hasData ? 'data-loss' : 'neutral';
}

function describeCapability(capability: Capability, counts: GraphCounts, regions: readonly GraphSourceRegion[]): string {
  if (capability === 'maintenance-windows') return `${pluralize(counts.blockers, 'task')} block deletion`;
  if (capability === 'inventory') {
    const total = regions.reduce((sum, region) => sum + region.inventoryAssociations.length, 0);
    return total > 0 ? `${pluralize(total, 'association')} lose data` : 'no inventory associations';
  }
  const total = regions.reduce((sum, region) => sum + region.dataSyncs.length, 0);
  return total > 0 ? `${pluralize(total, 'data sync')} lose data` : 'no data syncs';
}

function addRoleAndCapabilities(context: BuildContext, counts: GraphCounts): void {
  const { source, collector } = context;
  const roleImpact: Impact = counts.blockers > 0 ? 'blocker' : counts.unknownRegions > 0 ? 'unknown' : 'neutral';
  const roleDetail = !source.roleExists
    ? 'Absent from the account'
    : counts.blockers > 0
      ? `Deletion blocked by ${pluralize(counts.blockers, 'task')}`
      : counts.unknownRegions > 0
        ? `${pluralize(counts.unknownRegions, 'region')} unknown: cannot tell`
        : 'Nothing found that blocks deletion';
  collector.addNode({
    id: ROLE_NODE_ID,
    kind: 'role',
    label: ROLE_NAME,
    detail: roleDetail,
    impact: roleImpact,
    isUncertain: counts.unknownRegions > 0,
    layer: 0,
    capabilities: [],
    searchText: source.roleArn,
    facts: [
      { term: 'ARN', description: source.roleArn },
      { term: 'Present', description: source.roleExists ? 'Yes' : 'No' },
      { term: 'Account', description: source.accountId },
      { term: 'Audit finished', description: source.finishedAt },
      { term: 'Tasks blocking deletion', description: formatCount(counts.blockers) },
      { term: 'Items losing data', description: formatCount(counts.dataImpact) },
      { term: 'Unknown regions', description: String(counts.unknownRegions) },
      { term: 'Clean regions', description: String(source.cleanRegions.length) },
      { term: 'Regions not enabled', description: String(source.notEnabledRegions.length) },
    ],
    links: [getRoleConsoleLink(source.partition, ROLE_NAME), getWizardStartLink()],
  });
  for (const capability of CAPABILITIES) {
    const id = getCapabilityNodeId(capability);
    const impact = getCapabilityImpact(capability, counts, source.regions);
    const regionCodes = source.regions.filter((region) => getRegionCapabilities(region).includes(capability)).map((region) => region.code);
    const newest = getNewestUse(source, regionCodes);
    const description = describeCapability(capability, counts, source.regions);
    collector.addNode({
      id,
      kind: 'capability',
      label: CAPABILITY_LABELS[capability],
      detail: newest ? `${describeUse(newest.use)} · ${description}` : description,
      impact,
      isUncertain: false,
      layer: 1,
      capabilities: [capability],
      searchText: capability,
      facts: [
        { term: 'Regions using it', description: String(regionCodes.length) },
        ...(newest ? [{ term: 'Last use in its regions (CloudTrail)', description: describeUseFact(newest.use, newest.region) }] : []),
      ],
      links: counts.blockers > 0 && capability === 'maintenance-windows' ? [getWizardStartLink()] : [],
    });
    collector.addEdge(ROLE_NODE_ID, id, impact);
  }
}

export function buildDependencyGraph(source: GraphSource, options: GraphBuildOptions = {}): DependencyGraph {
  const context: BuildContext = {
    source,
    collector: new GraphCollector(),
    expandedRegions: options.expandedRegions ?? new Set(),
    groupThreshold: options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD,
  };
  const counts = countGraphSource(source);
  addRoleAndCapabilities(context, counts);
  for (const region of source.regions) addRegion(context, region);
  const { memberAccountId } = source;
  // A member account's graph links to that account's pages, never to the dashboard's own.
  const nodes = memberAccountId
    ? context.collector.nodes.map((node) => ({
        ...node,
        links: node.links.map((link) => (link.isExternal ? link : { ...link, href: withAccount(link.href, memberAccountId) })),
      }))
    : context.collector.nodes;
  return { nodes, edges: context.collector.edges, counts };
}
