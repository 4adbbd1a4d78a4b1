// Computes node positions with ELK's layered algorithm.
//
// Why elkjs rather than dagre: elkjs is maintained (dagre largely is not), its layered algorithm keeps the input
// order of siblings, scales to thousands of nodes, and runs asynchronously behind a message API. It is also already
// a dependency, while dagre is not.
//
// Where it runs: in the browser, ELK's web worker build lays the graph out off the main thread
// (components/graph/worker-layout-engine.ts); the unit tests and the benchmark use the bundled build in their own
// thread (lib/graph/elk-engine.ts). Both were measured against a server that lays the graph out and sends positions
// (docs/benchmarks.md, "Where the layout runs"): the worker was faster for the first layout and several times faster
// for each layout after a filter change or an expansion (no round trip, no queueing behind the server's other
// work), and it keeps a CPU-heavy endpoint off the server. This module prepares ELK's input and reads its output;
// it does not import ELK itself, so the page's bundle holds only the small message API.
//
// How: the graph is a tree of columns (role | capability | region | window, association, sync | task, target).
// The last column holds only leaves, so each window is laid out as one block tall enough for its tasks (and each
// association for its targets); ELK orders and places the blocks, and the leaves are stacked beside their block.
// ELK sees about a sixth of the nodes, which keeps a 2,000-node graph well under a second. Columns get fixed x
// positions from the node kinds' widths, so every kind lines up whatever ELK's edge routing would need. A new node
// kind needs only its size in SIZES and its column (layer) from the builder.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
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
  role: { width: 260, height: 72 },
  capability: { width: 220, height: 64 },
  region: { width: 210, height: 64 },
  window: { width: 250, height: 64 },
  'window-group': { width: 280, height: 76 },
  task: { width: 250, height: 60 },
  association: { width: 250, height: 64 },
  target: { width: 250, height: 56 },
  'data-sync': { width: 250, height: 64 },
};

const LEAF_LAYER = 4;
const COLUMN_GAP = 80;
const LEAF_GAP = 10;
const NODE_GAP = 18;

export function getNodeSize(kind: GraphNodeKind): NodeSize {
  return SIZES[kind];
}

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': String(NODE_GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(COLUMN_GAP),
  // Sibling order is the builder's (region by region, window by window), which already has no crossings:
  // skipping crossing minimisation is the largest saving on big graphs.
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.layered.greedySwitch.type': 'OFF',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Routes are not drawn (React Flow draws the edges); polyline is the cheapest router.
  'elk.edgeRouting': 'POLYLINE',
  'elk.separateConnectedComponents': 'false',
};

/** What runs ELK: the bundled engine in this thread, or ELK's web worker build behind its message API. */
export interface LayoutEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

function getColumnOffsets(nodes: readonly LayoutNodeInput[]): number[] {
  const widths: number[] = [];
  for (const node of nodes) widths[node.layer] = Math.max(widths[node.layer] ?? 0, SIZES[node.kind].width);
  const offsets: number[] = [];
  let x = 0;
  for (let layer = 0; layer < widths.length; layer += 1) {
    offsets[layer] = x;
    if (widths[layer] !== undefined) x += (widths[layer] ?? 0) + COLUMN_GAP;
  }
  return offsets;
}

export async function layoutGraph(
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  engine: LayoutEngine,
): Promise<GraphLayout> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  // Each leaf goes with the first block that points at it (a shared tag target sits with its first association).
  const leavesOf = new Map<string, LayoutNodeInput[]>();
  const placedLeaves = new Set<string>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || target.layer !== LEAF_LAYER || source.layer !== LEAF_LAYER - 1 || placedLeaves.has(target.id)) continue;
    placedLeaves.add(target.id);
    const list = leavesOf.get(source.id) ?? [];
    list.push(target);
    leavesOf.set(source.id, list);
  }
  const blockHeight = (node: LayoutNodeInput): number => {
    const leaves = leavesOf.get(node.id);
    const ownHeight = SIZES[node.kind].height;
    if (!leaves) return ownHeight;
    const stack = leaves.reduce((sum, leaf) => sum + SIZES[leaf.kind].height, 0) + LEAF_GAP * (leaves.length - 1);
    return Math.max(ownHeight, stack);
  };

  const elkNodes = nodes.filter((node) => !placedLeaves.has(node.id));
  const elkIds = new Set(elkNodes.map((node) => node.id));
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((edge) => elkIds.has(edge.source) && elkIds.has(edge.target))
    .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }));
  // A node reached only from a column further left (an unreadable region hangs off the role) gets a layout-only
  // edge from the column just before it, so ELK puts it in its own column.
  const lastOfLayer = new Map<number, string>();
  for (const node of elkNodes) if (!lastOfLayer.has(node.layer)) lastOfLayer.set(node.layer, node.id);
  const parentsOf = new Map<string, LayoutNodeInput[]>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    if (!source) continue;
    const list = parentsOf.get(edge.target) ?? [];
    list.push(source);
    parentsOf.set(edge.target, list);
  }
  for (const node of elkNodes) {
    const parents = parentsOf.get(node.id) ?? [];
    const hasDirectParent = parents.some((parent) => parent.layer === node.layer - 1);
    const anchor = lastOfLayer.get(node.layer - 1);
    if (parents.length > 0 && !hasDirectParent && anchor) {
      elkEdges.push({ id: `layout:${anchor}->${node.id}`, sources: [anchor], targets: [node.id] });
    }
  }

  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ROOT_OPTIONS,
    children: elkNodes.map((node) => ({ id: node.id, width: SIZES[node.kind].width, height: blockHeight(node) })),
    edges: elkEdges,
  };
  const result = await engine.layout(graph);

  const columns = getColumnOffsets(nodes);
  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  let height = 0;
  for (const child of result.children ?? []) {
    const node = byId.get(child.id);
    if (!node) continue;
    const top = child.y ?? 0;
    const block = blockHeight(node);
    const own = SIZES[node.kind];
    const x = columns[node.layer] ?? child.x ?? 0;
    positions.set(node.id, { x, y: top + (block - own.height) / 2 });
    width = Math.max(width, x + own.width);
    height = Math.max(height, top + block);
    let leafTop = top;
    for (const leaf of leavesOf.get(node.id) ?? []) {
      const leafX = columns[leaf.layer] ?? x + own.width + COLUMN_GAP;
      positions.set(leaf.id, { x: leafX, y: leafTop });
      width = Math.max(width, leafX + SIZES[leaf.kind].width);
      leafTop += SIZES[leaf.kind].height + LEAF_GAP;
    }
  }
  return { positions, width, height };
}
