import { describe, expect, it } from 'vitest';
import {
  buildDependencyGraph,
  getCapabilityNodeId,
  getRegionNodeId,
  getTaskNodeId,
  getWindowGroupNodeId,
  getWindowNodeId,
  ROLE_NODE_ID,
} from '@/lib/graph/build';
import { createDemoLikeAudit, createSyntheticAudit, LARGE_SCENARIO_SHAPE } from '@/test-support/sample-audits';
import { getRegionWindows, toGraphSource } from '@/lib/graph/source';
import type { RoleEvidence } from '@/lib/evidence/types';
import type { DependencyGraph, GraphNodeModel } from '@/lib/graph/types';

function nodeById(graph: DependencyGraph, id: string): GraphNodeModel {
  const node = graph.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

function hasEdge(graph: DependencyGraph, source: string, target: string): boolean {
  return graph.edges.some((edge) => edge.source === source && edge.target === target);
}

describe('building the graph from a demo-like audit', () => {
  const audit = createDemoLikeAudit();
  const graph = buildDependencyGraph(toGraphSource(audit));

  it('links role → capability → region → window → task', () => {
    const windowId = getWindowNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001');
    const taskId = getTaskNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001', '11111111-1111-4111-8111-111111111111');
    expect(hasEdge(graph, ROLE_NODE_ID, getCapabilityNodeId('maintenance-windows'))).toBe(true);
    expect(hasEdge(graph, getCapabilityNodeId('maintenance-windows'), getRegionNodeId('us-east-1'))).toBe(true);
    expect(hasEdge(graph, getRegionNodeId('us-east-1'), windowId)).toBe(true);
    expect(hasEdge(graph, windowId, taskId)).toBe(true);
    expect(nodeById(graph, taskId).label).toBe('patch-linux');
  });

  it('links inventory associations to their tag and resource-group targets, and Explorer to data syncs', () => {
    const associationId = 'association:eu-west-1:66666666-6666-4666-8666-666666666666';
    expect(hasEdge(graph, getCapabilityNodeId('inventory'), getRegionNodeId('eu-west-1'))).toBe(true);
    expect(hasEdge(graph, getRegionNodeId('eu-west-1'), associationId)).toBe(true);
    expect(hasEdge(graph, associationId, 'target:eu-west-1:tag:Environment=production')).toBe(true);
    expect(hasEdge(graph, associationId, 'target:eu-west-1:resource-group:web-servers')).toBe(true);
    expect(hasEdge(graph, getCapabilityNodeId('explorer'), getRegionNodeId('eu-west-1'))).toBe(true);
    expect(hasEdge(graph, getRegionNodeId('eu-west-1'), 'data-sync:eu-west-1:explorer-ops-data')).toBe(true);
  });

  it('classifies relying tasks and what contains them as blockers, custom-role tasks as unaffected', () => {
    const east = 'us-east-1';
    expect(nodeById(graph, getTaskNodeId(east, 'mw-0a1b2c3d4e5f60001', '11111111-1111-4111-8111-111111111111')).impact).toBe('blocker');
    expect(nodeById(graph, getTaskNodeId(east, 'mw-0a1b2c3d4e5f60001', '33333333-3333-4333-8333-333333333333')).impact).toBe('unaffected');
    expect(nodeById(graph, getTaskNodeId('eu-west-1', 'mw-0f0e0d0c0b0a90001', '55555555-5555-4555-8555-555555555555')).impact).toBe('blocker');
    expect(nodeById(graph, getWindowNodeId(east, 'mw-0a1b2c3d4e5f60001')).impact).toBe('blocker');
    // A window whose only task runs on a custom role holds nothing that blocks.
    expect(nodeById(graph, getWindowNodeId(east, 'mw-0a1b2c3d4e5f60002')).impact).toBe('unaffected');
    expect(nodeById(graph, getRegionNodeId(east)).impact).toBe('blocker');
    expect(nodeById(graph, getCapabilityNodeId('maintenance-windows')).impact).toBe('blocker');
    expect(nodeById(graph, ROLE_NODE_ID).impact).toBe('blocker');
  });

  it('classifies inventory, its targets and data syncs as data loss', () => {
    const dataNodes = graph.nodes.filter((node) => ['association', 'target', 'data-sync'].includes(node.kind));
    expect(dataNodes).toHaveLength(4);
    expect(dataNodes.every((node) => node.impact === 'data-loss')).toBe(true);
    expect(nodeById(graph, getCapabilityNodeId('inventory')).impact).toBe('data-loss');
    expect(nodeById(graph, getCapabilityNodeId('explorer')).impact).toBe('data-loss');
  });

  it('marks an unreadable region unknown, with an uncertain edge, and never as clean', () => {
    const unknown = nodeById(graph, getRegionNodeId('ap-southeast-2'));
    expect(unknown.impact).toBe('unknown');
    expect(unknown.isUncertain).toBe(true);
    expect(unknown.detail).toMatch(/unknown/i);
    expect(graph.edges.find((edge) => edge.target === unknown.id)?.isUncertain).toBe(true);
    const source = toGraphSource(audit);
    expect(source.cleanRegions).toEqual(['us-west-2']);
    expect(source.cleanRegions).not.toContain('ap-southeast-2');
    expect(source.notEnabledRegions).toEqual(['af-south-1']);
  });

  it('counts blockers, data-impact items, unaffected tasks and unknown regions from the audit', () => {
    const relying = audit.regions.flatMap((region) => region.findings?.windows ?? []).flatMap((window) => window.tasks).filter((task) => task.reliesOnRole);
    expect(graph.counts.blockers).toBe(relying.length);
    expect(graph.counts).toEqual({ blockers: 3, blockingWindows: 2, blockingRegions: 2, dataImpact: 2, unaffected: 2, unknownRegions: 1 });
    expect(graph.nodes.filter((node) => node.kind === 'task' && node.impact === 'blocker')).toHaveLength(3);
  });

  it('gives every node a region page, console and wizard link where one applies', () => {
    const task = nodeById(graph, getTaskNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001', '11111111-1111-4111-8111-111111111111'));
    const hrefs = task.links.map((link) => link.href);
    expect(hrefs).toContain('/regions/us-east-1');
    expect(hrefs.some((href) => href.startsWith('https://us-east-1.console.aws.amazon.com/systems-manager/maintenance-windows/mw-0a1b2c3d4e5f60001'))).toBe(true);
    const wizard = new URL(hrefs.find((href) => href.startsWith('/delete')) ?? '', 'http://localhost');
    expect(wizard.searchParams.get('step')).toBe('blockers');
    expect(wizard.searchParams.get('task')).toBe('arn:aws:ssm:us-east-1:123456789012:windowtask/mw-0a1b2c3d4e5f60001/11111111-1111-4111-8111-111111111111');
    const custom = nodeById(graph, getTaskNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001', '33333333-3333-4333-8333-333333333333'));
    expect(custom.links.some((link) => link.href.startsWith('/delete'))).toBe(false);
  });

  it('keeps a member account’s links in that account, and leaves console links alone', () => {
    const member = buildDependencyGraph(toGraphSource(audit, { memberAccountId: '210987654321' }));
    const task = nodeById(member, getTaskNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001', '11111111-1111-4111-8111-111111111111'));
    const internal = task.links.filter((link) => !link.isExternal);
    expect(internal.length).toBeGreaterThanOrEqual(2);
    for (const link of internal) expect(new URL(link.href, 'http://localhost').searchParams.get('account')).toBe('210987654321');
    expect(internal.map((link) => new URL(link.href, 'http://localhost').pathname)).toEqual(['/regions/us-east-1', '/delete']);
    for (const link of task.links.filter((candidate) => candidate.isExternal)) expect(link.href).not.toContain('account=');
    const own = nodeById(graph, task.id);
    expect(own.links.every((link) => !link.href.includes('account='))).toBe(true);
  });

  it('sends data-impact items to the wizard data step and blocking windows to its blockers step', () => {
    const wizardHref = (node: GraphNodeModel) => node.links.find((link) => link.href.startsWith('/delete'))?.href;
    expect(wizardHref(nodeById(graph, 'data-sync:eu-west-1:explorer-ops-data'))).toBe('/delete?step=data');
    expect(wizardHref(nodeById(graph, 'association:eu-west-1:66666666-6666-4666-8666-666666666666'))).toBe('/delete?step=data');
    expect(wizardHref(nodeById(graph, getWindowNodeId('us-east-1', 'mw-0a1b2c3d4e5f60001')))).toBe('/delete?step=blockers');
    expect(wizardHref(nodeById(graph, getWindowNodeId('us-east-1', 'mw-0a1b2c3d4e5f60002')))).toBeUndefined();
    expect(nodeById(graph, getRegionNodeId('ap-southeast-2')).links.map((link) => link.href)).toContain('/regions/ap-southeast-2');
  });

  it('has unique node ids and edges whose ends exist', () => {
    const ids = new Set(graph.nodes.map((node) => node.id));
    expect(ids.size).toBe(graph.nodes.length);
    for (const edge of graph.edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
    }
  });

  it('limits the source to one region for the region page', () => {
    const regional = buildDependencyGraph(toGraphSource(audit, { regionCodes: ['eu-west-1'] }));
    expect(new Set(regional.nodes.flatMap((node) => (node.regionCode ? [node.regionCode] : [])))).toEqual(new Set(['eu-west-1']));
    expect(regional.counts.blockers).toBe(1);
    expect(regional.counts.unknownRegions).toBe(0);
  });
});

describe('grouping and expansion on a large audit', () => {
  const audit = createSyntheticAudit();
  const regionCount = LARGE_SCENARIO_SHAPE.regionCount;

  it('groups each region with more windows than the threshold into one summary node with counts', () => {
    const source = toGraphSource(audit);
    expect(source.regions.every((region) => region.windows === null)).toBe(true);
    const graph = buildDependencyGraph(source);
    const groups = graph.nodes.filter((node) => node.kind === 'window-group');
    expect(groups).toHaveLength(regionCount);
    expect(graph.nodes.filter((node) => node.kind === 'task')).toHaveLength(0);
    expect(nodeById(graph, getWindowGroupNodeId('us-east-1')).label).toBe('200 windows · 1,000 tasks · 400 on the role');
    expect(nodeById(graph, getWindowGroupNodeId('us-east-1')).impact).toBe('blocker');
    expect(graph.counts.blockers).toBe(regionCount * 200 * 2);
    expect(graph.counts.unaffected).toBe(regionCount * 200 * 3);
    expect(graph.nodes.length).toBeLessThan(4 + regionCount * 2 + 1);
  });

  it('expands one region into its windows and tasks, leaving the others grouped', () => {
    const source = toGraphSource(audit);
    const region = source.regions.find((candidate) => candidate.code === 'eu-west-1');
    if (!region) throw new Error('missing region');
    expect(region.windows).toBeNull();
    // The client loads the windows of the region it expands, then rebuilds.
    region.windows = getRegionWindows(audit, 'eu-west-1');
    const graph = buildDependencyGraph(source, { expandedRegions: new Set(['eu-west-1']) });
    expect(graph.nodes.filter((node) => node.kind === 'window' && node.regionCode === 'eu-west-1')).toHaveLength(200);
    expect(graph.nodes.filter((node) => node.kind === 'task' && node.regionCode === 'eu-west-1')).toHaveLength(1000);
    expect(graph.nodes.filter((node) => node.kind === 'task' && node.impact === 'blocker')).toHaveLength(400);
    expect(graph.nodes.some((node) => node.id === getWindowGroupNodeId('eu-west-1'))).toBe(false);
    expect(graph.nodes.filter((node) => node.kind === 'window-group')).toHaveLength(regionCount - 1);
  });

  it('keeps a region grouped while its windows are not loaded, even when asked to expand', () => {
    const graph = buildDependencyGraph(toGraphSource(audit), { expandedRegions: new Set(['us-east-1']) });
    const group = nodeById(graph, getWindowGroupNodeId('us-east-1'));
    expect(group.group).toEqual({ regionCode: 'us-east-1', isLoaded: false });
  });

  it('draws small regions window by window and honours the threshold', () => {
    const small = createSyntheticAudit({ regionCount: 2, windowsPerRegion: 3, tasksPerWindow: 2, relyingTasksPerWindow: 1 });
    const graph = buildDependencyGraph(toGraphSource(small));
    expect(graph.nodes.filter((node) => node.kind === 'window')).toHaveLength(6);
    const grouped = buildDependencyGraph(toGraphSource(small, { includeAllWindows: true }), { groupThreshold: 2 });
    expect(grouped.nodes.filter((node) => node.kind === 'window')).toHaveLength(0);
    expect(grouped.nodes.filter((node) => node.kind === 'window-group').every((node) => node.group?.isLoaded)).toBe(true);
  });
});

describe('the last use on region and capability nodes', () => {
  const audit = createDemoLikeAudit();
  const read = { kind: 'read' as const };
  const evidence: RoleEvidence = {
    roleArn: audit.roleArn,
    collectedAt: '2026-11-29T12:00:00.000Z',
    depth: 'latest',
    regions: [
      { region: 'us-east-1', status: read, sessions: [], otherEvents: [], lastUsedAt: '2026-11-26T08:15:00.000Z', isComplete: true, lookupCalls: 1 },
      { region: 'eu-west-1', status: read, sessions: [], otherEvents: [], isComplete: true, lookupCalls: 1 },
      { region: 'us-west-2', status: read, sessions: [], otherEvents: [], lastUsedAt: '2026-11-28T01:00:00.000Z', isComplete: true, lookupCalls: 1 },
    ],
    accessAdvisor: { kind: 'in-progress' },
    missingPermissions: [],
  };
  const graph = buildDependencyGraph(toGraphSource(audit, { evidence }));

  it('puts the region’s newest use first on its node, and the full time in its details', () => {
    const east = nodeById(graph, getRegionNodeId('us-east-1'));
    expect(east.detail).toMatch(/^used 26 Nov · /);
    expect(east.facts).toContainEqual({ term: 'Last use (CloudTrail)', description: '2026-11-26T08:15:00.000Z: assumed by Systems Manager' });
    expect(nodeById(graph, getRegionNodeId('eu-west-1')).detail).toMatch(/^no use in 90 days · /);
    // A region the evidence does not cover is unknown, never unused.
    expect(nodeById(graph, getRegionNodeId('ap-southeast-2')).detail).toMatch(/^use unknown · /);
  });

  it('gives a capability the newest use among the regions drawn under it', () => {
    // Maintenance Windows is drawn under us-east-1 and eu-west-1 (us-west-2, used, holds nothing and is not drawn).
    const windows = nodeById(graph, getCapabilityNodeId('maintenance-windows'));
    expect(windows.detail).toMatch(/^used 26 Nov · /);
    expect(windows.facts).toContainEqual({ term: 'Last use in its regions (CloudTrail)', description: '2026-11-26T08:15:00.000Z in us-east-1: assumed by Systems Manager' });
    expect(nodeById(graph, getCapabilityNodeId('inventory')).detail).toMatch(/^no use in 90 days · /);
  });

  it('shows nothing of another account’s evidence, nor without evidence', () => {
    const foreign = buildDependencyGraph(toGraphSource(audit, { evidence: { ...evidence, roleArn: 'arn:aws:iam::210987654303:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM' } }));
    const plain = buildDependencyGraph(toGraphSource(audit));
    for (const built of [foreign, plain]) {
      expect(nodeById(built, getRegionNodeId('us-east-1')).detail).toBe('2 tasks on the role');
      expect(nodeById(built, getCapabilityNodeId('maintenance-windows')).facts.map((fact) => fact.term)).toEqual(['Regions using it']);
    }
  });
});
