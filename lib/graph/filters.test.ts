import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, getCapabilityNodeId, getRegionNodeId, ROLE_NODE_ID } from '@/lib/graph/build';
import { filterGraph, hasActiveFilters } from '@/lib/graph/filters';
import { createDemoLikeAudit } from '@/test-support/sample-audits';
import { toGraphSource } from '@/lib/graph/source';
import { EMPTY_FILTERS } from '@/lib/graph/types';

const graph = buildDependencyGraph(toGraphSource(createDemoLikeAudit()));

function regionsOf(nodes: ReturnType<typeof filterGraph>['nodes']): Set<string> {
  return new Set(nodes.flatMap((node) => (node.regionCode ? [node.regionCode] : [])));
}

describe('graph filters', () => {
  it('shows everything without filters', () => {
    const filtered = filterGraph(graph, EMPTY_FILTERS);
    expect(filtered.nodes).toHaveLength(graph.nodes.length);
    expect(filtered.edges).toHaveLength(graph.edges.length);
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
  });

  it('limits the graph to one region, keeping the role and capabilities above it', () => {
    const filtered = filterGraph(graph, { ...EMPTY_FILTERS, regions: ['eu-west-1'] });
    expect(regionsOf(filtered.nodes)).toEqual(new Set(['eu-west-1']));
    expect(filtered.nodes.some((node) => node.id === ROLE_NODE_ID)).toBe(true);
    const ids = new Set(filtered.nodes.map((node) => node.id));
    expect(filtered.edges.every((edge) => ids.has(edge.source) && ids.has(edge.target))).toBe(true);
  });

  it('limits the graph to a capability; unreadable regions stay under every capability', () => {
    const filtered = filterGraph(graph, { ...EMPTY_FILTERS, capabilities: ['explorer'] });
    const kinds = new Set(filtered.nodes.map((node) => node.kind));
    expect(kinds.has('task')).toBe(false);
    expect(kinds.has('association')).toBe(false);
    expect(filtered.nodes.some((node) => node.kind === 'data-sync')).toBe(true);
    expect(filtered.nodes.filter((node) => node.kind === 'capability').map((node) => node.id)).toEqual([getCapabilityNodeId('explorer')]);
    expect(regionsOf(filtered.nodes)).toEqual(new Set(['eu-west-1', 'ap-southeast-2']));
  });

  it('shows only blockers (and unknown regions that might hide some) when asked', () => {
    const filtered = filterGraph(graph, { ...EMPTY_FILTERS, isBlockersOnly: true });
    const nonRole = filtered.nodes.filter((node) => node.id !== ROLE_NODE_ID);
    expect(nonRole.every((node) => node.impact === 'blocker' || node.isUncertain)).toBe(true);
    expect(filtered.nodes.filter((node) => node.kind === 'task')).toHaveLength(graph.counts.blockers);
    expect(filtered.nodes.some((node) => node.id === getRegionNodeId('ap-southeast-2'))).toBe(true);
  });

  it('combines region and blockers-only filters', () => {
    const filtered = filterGraph(graph, { ...EMPTY_FILTERS, regions: ['us-east-1'], isBlockersOnly: true });
    expect(filtered.nodes.filter((node) => node.kind === 'task').map((node) => node.label).sort()).toEqual(['patch-linux', 'patch-windows']);
  });

  it('finds nodes by label, by id and by ARN, case-insensitively, without hiding the others', () => {
    const byLabel = filterGraph(graph, { ...EMPTY_FILTERS, search: 'PATCH-' });
    expect(byLabel.matchIds.map((id) => graph.nodes.find((node) => node.id === id)?.label).sort()).toEqual(['patch-linux', 'patch-windows']);
    expect(byLabel.nodes).toHaveLength(graph.nodes.length);
    const byArn = filterGraph(graph, { ...EMPTY_FILTERS, search: 'windowtask/mw-0f0e0d0c0b0a90001/' });
    expect(byArn.matchIds).toHaveLength(1);
    const byWindowId = filterGraph(graph, { ...EMPTY_FILTERS, search: 'mw-0a1b2c3d4e5f60002' });
    expect(byWindowId.matchIds.some((id) => id.startsWith('window:us-east-1:mw-0a1b2c3d4e5f60002'))).toBe(true);
    expect(filterGraph(graph, { ...EMPTY_FILTERS, search: '   ' }).matchIds).toEqual([]);
    expect(filterGraph(graph, { ...EMPTY_FILTERS, search: 'no-such-thing' }).matchIds).toEqual([]);
  });

  it('searches only what the other filters leave visible', () => {
    const filtered = filterGraph(graph, { ...EMPTY_FILTERS, regions: ['eu-west-1'], search: 'patch-' });
    expect(filtered.matchIds).toEqual([]);
  });
});
