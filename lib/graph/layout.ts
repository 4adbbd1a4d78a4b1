// Computes node positions with ELK's layered algorithm.
//
// Why elkjs rather than dagre: elkjs is the maintained one of the two (dagre is largely unmaintained), its layered
// algorithm honours a fixed column per node kind (partitioning: role | capability | region | window | task),
// keeps sibling order, scales to thousands of nodes, and runs asynchronously, so it can move to a web worker
// without changing callers. It is also already a dependency, while dagre is not.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphNodeKind } from '@/lib/graph/types';

export interface LayoutNodeInput {
  id: string;
  kind: GraphNodeKind;
  layer: number;
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

export interface NodeSize {
  width: number;
  height: number;
}

export interface GraphLayout {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

const SIZES: Record<GraphNodeKind, NodeSize> = {
  role: { width: 260, height: 68 },
  capability: { width: 220, height: 64 },
  region: { width: 200, height: 64 },
  window: { width: 240, height: 64 },
  'window-group': { width: 280, height: 72 },
  task: { width: 240, height: 60 },
  association: { width: 240, height: 64 },
  target: { width: 220, height: 56 },
  'data-sync': { width: 240, height: 64 },
};

export function getNodeSize(kind: GraphNodeKind): NodeSize {
  return SIZES[kind];
}

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.partitioning.activate': 'true',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Keep the builder's order (regions, then windows, then tasks) instead of searching for fewer crossings:
  // the graph is a tree plus a few shared targets, so the input order is already good and this is much faster.
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '1',
};

let engine: InstanceType<typeof ELK> | null = null;

function getEngine(): InstanceType<typeof ELK> {
  engine ??= new ELK();
  return engine;
}

export async function layoutGraph(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Promise<GraphLayout> {
  const nodeIds = new Set(nodes.map((node) => node.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ROOT_OPTIONS,
    children: nodes.map((node) => ({
      id: node.id,
      ...SIZES[node.kind],
      layoutOptions: { 'elk.partitioning.partition': String(node.layer) },
    })),
    edges: edges
      .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const result = await getEngine().layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return { positions, width: result.width ?? 0, height: result.height ?? 0 };
}
