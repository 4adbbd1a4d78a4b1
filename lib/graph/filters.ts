// Narrows a built graph to what the user asked to see (regions, capabilities, blockers only) and finds the nodes
// the search box matches. Filtering never changes a node's classification.

import type { DependencyGraph, GraphEdgeModel, GraphFilters, GraphNodeModel } from '@/lib/graph/types';

export interface FilteredGraph {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  /** Ids of visible nodes the search matches, in graph order. */
  matchIds: string[];
}

function isNodeKept(node: GraphNodeModel, filters: GraphFilters, regionSet: ReadonlySet<string>, capabilitySet: ReadonlySet<string>): boolean {
  if (node.kind === 'role') return true;
  if (node.kind === 'capability') {
    if (capabilitySet.size > 0 && !node.capabilities.some((capability) => capabilitySet.has(capability))) return false;
    return !filters.isBlockersOnly || node.impact === 'blocker';
  }
  if (regionSet.size > 0 && node.regionCode !== undefined && !regionSet.has(node.regionCode)) return false;
  if (capabilitySet.size > 0) {
    // An unreadable region may hold anything: it stays under every capability.
    const isInCapability = node.capabilities.some((capability) => capabilitySet.has(capability));
    if (!isInCapability && !(node.kind === 'region' && node.isUncertain)) return false;
  }
  if (filters.isBlockersOnly) {
    // Unknown regions might hide blockers, so they stay in view too.
    return node.impact === 'blocker' || (node.kind === 'region' && node.isUncertain);
  }
  return true;
}

export function normalizeSearch(query: string): string {
  return query.trim().toLowerCase();
}

export function isSearchMatch(node: GraphNodeModel, normalizedQuery: string): boolean {
  if (normalizedQuery.length === 0) return false;
  return (
    node.label.toLowerCase().includes(normalizedQuery) ||
    node.id.toLowerCase().includes(normalizedQuery) ||
    node.searchText.toLowerCase().includes(normalizedQuery) ||
    (node.detail?.toLowerCase().includes(normalizedQuery) ?? false)
  );
}

export function filterGraph(graph: DependencyGraph, filters: GraphFilters): FilteredGraph {
  const regionSet = new Set(filters.regions);
  const capabilitySet = new Set<string>(filters.capabilities);
  const nodes = graph.nodes.filter((node) => isNodeKept(node, filters, regionSet, capabilitySet));
  const keptIds = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => keptIds.has(edge.source) && keptIds.has(edge.target));
  const query = normalizeSearch(filters.search);
  const matchIds = query.length === 0 ? [] : nodes.filter((node) => isSearchMatch(node, query)).map((node) => node.id);
  return { nodes, edges, matchIds };
}

export function hasActiveFilters(filters: GraphFilters): boolean {
  return filters.regions.length > 0 || filters.capabilities.length > 0 || filters.isBlockersOnly || filters.search.trim().length > 0;
}
