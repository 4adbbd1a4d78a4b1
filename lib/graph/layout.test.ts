import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, ROLE_NODE_ID } from '@/lib/graph/build';
import { getBundledLayoutEngine } from '@/lib/graph/elk-engine';
import { getNodeSize, layoutGraph } from '@/lib/graph/layout';
import { createDemoLikeAudit } from '@/test-support/sample-audits';
import { toGraphSource } from '@/lib/graph/source';

describe('layered layout', () => {
  it('places every node in its column, left to right, without overlaps', async () => {
    const graph = buildDependencyGraph(toGraphSource(createDemoLikeAudit()));
    const layout = await layoutGraph(graph.nodes, graph.edges, getBundledLayoutEngine());
    expect(layout.positions.size).toBe(graph.nodes.length);
    const xOfLayer = new Map<number, number>();
    for (const node of graph.nodes) {
      const position = layout.positions.get(node.id);
      if (!position) throw new Error(`no position for ${node.id}`);
      const seen = xOfLayer.get(node.layer);
      // Nodes of one layer share a column start (ELK aligns a layer's left edges).
      if (seen === undefined) xOfLayer.set(node.layer, position.x);
    }
    const columns = [...xOfLayer.entries()].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    expect(new Set(columns).size).toBe(columns.length);
    expect(layout.positions.get(ROLE_NODE_ID)?.x).toBe(columns[0]);
    const boxes = graph.nodes.map((node) => ({ ...layout.positions.get(node.id)!, ...getNodeSize(node.kind) }));
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlaps).toBe(false);
      }
    }
  });
});
