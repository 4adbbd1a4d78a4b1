'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  getViewportForBounds,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type NodeMouseHandler,
  type Rect,
} from '@xyflow/react';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { GraphNode, type AtlasNode } from '@/components/graph/graph-node';
import { getNodeAccessibleName } from '@/components/graph/node-labels';
import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import { getWorkerLayoutEngine } from '@/components/graph/worker-layout-engine';
import { getNodeSize, layoutGraph, type GraphLayout } from '@/lib/graph/layout';
import type { GraphEdgeModel, GraphNodeModel } from '@/lib/graph/types';
import { formatCount } from '@/lib/format/count';

// The React Flow canvas: lays the visible nodes out with ELK in a web worker, draws them, and handles pointer and
// keyboard use. Loaded on demand (next/dynamic, no SSR) by the graph explorer, so React Flow stays out of other
// pages; ELK never runs on the page's thread.

export interface FocusRequest {
  ids: string[];
  sequence: number;
}

export interface GraphCanvasProps {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  matchIds: readonly string[];
  selectedId: string | null;
  focusRequest: FocusRequest | null;
  onActivate: (id: string, via: 'pointer' | 'keyboard') => void;
  /** The canvas's height classes; they may use `--graph-height`, the height that shows the whole graph at MIN_FIT_ZOOM. */
  heightClassName: string;
}

const nodeTypes = { atlas: GraphNode };
/** Above this many nodes only those in view are rendered. */
const VIRTUALIZE_ABOVE = 400;
/**
 * The smallest zoom a fit may choose: the shortest node (56 px) is then 25 px tall, above WCAG 2.5.8's 24 × 24 px
 * target size. A graph too large to fit at this zoom shows where it reads from (its left, its top) first; the
 * minimap and the zoom controls keep the whole of it in reach.
 */
const MIN_FIT_ZOOM = 0.45;
/**
 * Nodes are handed to React Flow a batch at a time, each batch in its own task, so drawing a graph never holds the
 * page's thread for long. At most 20 batches, whatever the size.
 */
const RENDER_BATCH = 12;
const MAX_RENDER_STEPS = 20;

interface LaidOut {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  layout: GraphLayout;
}

function useElkLayout(nodes: GraphNodeModel[], edges: GraphEdgeModel[]): { laidOut: LaidOut | null; error: string | null } {
  const [laidOut, setLaidOut] = useState<LaidOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCancelled = false;
    layoutGraph(nodes, edges, getWorkerLayoutEngine()).then(
      (layout) => {
        if (isCancelled) return;
        // A transition: drawing hundreds of nodes is rendered in slices that leave the page responsive.
        startTransition(() => {
          setLaidOut({ nodes, edges, layout });
          setError(null);
        });
      },
      (reason: unknown) => {
        if (!isCancelled) setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
    return () => {
      isCancelled = true;
    };
  }, [nodes, edges]);
  return { laidOut, error };
}

/** The bounds of the named nodes (every node when `ids` is null) in the layout's coordinates. */
function getLayoutBounds(laidOut: LaidOut, ids: ReadonlySet<string> | null): Rect | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const model of laidOut.nodes) {
    const position = laidOut.layout.positions.get(model.id);
    if (!position || (ids && !ids.has(model.id))) continue;
    const size = getNodeSize(model.kind);
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + size.width);
    bottom = Math.max(bottom, position.y + size.height);
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

function toFlowEdge(edge: GraphEdgeModel): Edge {
  const color = IMPACT_STYLES[edge.impact].color;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    focusable: false,
    selectable: false,
    style: {
      stroke: color,
      strokeWidth: edge.impact === 'blocker' ? 2 : 1.25,
      strokeDasharray: edge.isUncertain ? '6 4' : undefined,
    },
    markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
  };
}

function CanvasInner({ nodes, edges, matchIds, selectedId, focusRequest, onActivate, heightClassName }: GraphCanvasProps) {
  const { laidOut, error } = useElkLayout(nodes, edges);
  const flow = useReactFlow<AtlasNode, Edge>();
  const containerRef = useRef<HTMLDivElement>(null);
  const isLayingOut = laidOut === null || laidOut.nodes !== nodes || laidOut.edges !== edges;

  const matchSet = useMemo(() => new Set(matchIds), [matchIds]);
  const flowNodes = useMemo<AtlasNode[]>(() => {
    if (!laidOut) return [];
    return laidOut.nodes.map((model) => {
      const size = getNodeSize(model.kind);
      return {
        id: model.id,
        type: 'atlas',
        position: laidOut.layout.positions.get(model.id) ?? { x: 0, y: 0 },
        width: size.width,
        height: size.height,
        data: { model, isMatch: matchSet.has(model.id), isSelected: model.id === selectedId },
        ariaLabel: getNodeAccessibleName(model),
        ariaRole: 'button',
        draggable: false,
        connectable: false,
        deletable: false,
      };
    });
  }, [laidOut, matchSet, selectedId]);
  const flowEdges = useMemo(() => (laidOut ? laidOut.edges.map(toFlowEdge) : []), [laidOut]);

  // A new layout is drawn batch by batch (each in its own task); an edge is drawn once both its ends are.
  const [drawn, setDrawn] = useState<{ laidOut: LaidOut | null; count: number }>({ laidOut: null, count: 0 });
  const batch = Math.max(RENDER_BATCH, Math.ceil(flowNodes.length / MAX_RENDER_STEPS));
  const drawnCount = drawn.laidOut === laidOut ? drawn.count : batch;
  const isDrawnWhole = drawnCount >= flowNodes.length;
  useEffect(() => {
    if (isDrawnWhole) return;
    const timer = window.setTimeout(() => setDrawn({ laidOut, count: drawnCount + batch }), 0);
    return () => window.clearTimeout(timer);
  }, [batch, drawnCount, isDrawnWhole, laidOut]);
  const drawnNodes = useMemo(() => (isDrawnWhole ? flowNodes : flowNodes.slice(0, drawnCount)), [drawnCount, flowNodes, isDrawnWhole]);
  const drawnEdges = useMemo(() => {
    if (isDrawnWhole) return flowEdges;
    const ids = new Set(drawnNodes.map((node) => node.id));
    return flowEdges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  }, [drawnNodes, flowEdges, isDrawnWhole]);

  // Neighbours for arrow-key navigation: up/down within a column, right to a child, left to a parent.
  const navigation = useMemo(() => {
    const columns = new Map<number, string[]>();
    const layerOf = new Map<string, number>();
    const children = new Map<string, string[]>();
    const parents = new Map<string, string[]>();
    if (!laidOut) return { columns, layerOf, children, parents };
    const y = (id: string) => laidOut.layout.positions.get(id)?.y ?? 0;
    for (const node of laidOut.nodes) {
      layerOf.set(node.id, node.layer);
      columns.set(node.layer, [...(columns.get(node.layer) ?? []), node.id]);
    }
    for (const list of columns.values()) list.sort((a, b) => y(a) - y(b));
    for (const edge of laidOut.edges) {
      children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
      parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
    }
    return { columns, layerOf, children, parents };
  }, [laidOut]);

  const focusNode = useCallback(
    (id: string) => {
      const position = laidOut?.layout.positions.get(id);
      const model = laidOut?.nodes.find((node) => node.id === id);
      if (!position || !model) return;
      const size = getNodeSize(model.kind);
      void flow.setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 0.7), duration: 0 });
      // The node may only be rendered once it is in view.
      window.setTimeout(() => {
        containerRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus();
      }, 30);
    },
    [flow, laidOut],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      const id = element?.dataset.id;
      if (!id) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onActivate(id, 'keyboard');
        return;
      }
      let next: string | undefined;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const column = navigation.columns.get(navigation.layerOf.get(id) ?? -1) ?? [];
        const index = column.indexOf(id);
        next = column[event.key === 'ArrowDown' ? index + 1 : index - 1];
      } else if (event.key === 'ArrowRight') {
        next = navigation.children.get(id)?.[0];
      } else if (event.key === 'ArrowLeft') {
        next = navigation.parents.get(id)?.[0];
      } else {
        return;
      }
      event.preventDefault();
      if (next) focusNode(next);
    },
    [focusNode, navigation, onActivate],
  );

  const onNodeClick = useCallback<NodeMouseHandler<AtlasNode>>((_event, node) => onActivate(node.id, 'pointer'), [onActivate]);

  // Shows `bounds` at a zoom between MIN_FIT_ZOOM and `maxZoom`, from the layout alone (nodes still being drawn
  // count too). The whole graph, when it is too large for that zoom, shows where it reads from rather than its
  // middle: its root side (the role, on the left) when too wide, its first regions (at the top) when too tall; the
  // minimap and the zoom controls keep the rest in reach.
  const showBounds = useCallback(
    (bounds: Rect, options: { padding: number; maxZoom: number; duration: number; isWholeGraph: boolean }) => {
      const container = containerRef.current;
      if (!container) return;
      const viewport = getViewportForBounds(bounds, container.clientWidth, container.clientHeight, MIN_FIT_ZOOM, options.maxZoom, options.padding);
      const margin = 16;
      if (options.isWholeGraph && bounds.width * viewport.zoom + 2 * margin > container.clientWidth) viewport.x = margin - bounds.x * viewport.zoom;
      if (options.isWholeGraph && bounds.height * viewport.zoom + 2 * margin > container.clientHeight) viewport.y = margin - bounds.y * viewport.zoom;
      void flow.setViewport(viewport, { duration: options.duration });
    },
    [flow],
  );

  // A new layout shows the whole graph, unless a focus request (search, expansion) waits for it; a request made on
  // the current layout zooms to the nodes it names. Each request is applied once.
  const fittedLayout = useRef<LaidOut | null>(null);
  const appliedSequence = useRef(0);
  useEffect(() => {
    if (!laidOut || laidOut.nodes !== nodes) return;
    const isNewLayout = fittedLayout.current !== laidOut;
    const pending = focusRequest && focusRequest.sequence > appliedSequence.current ? focusRequest : null;
    const present = pending ? pending.ids.filter((id) => laidOut.layout.positions.has(id)) : [];
    if (pending) appliedSequence.current = pending.sequence;
    fittedLayout.current = laidOut;
    if (present.length === 0 && !isNewLayout) return;
    const bounds = getLayoutBounds(laidOut, present.length > 0 ? new Set(present) : null);
    if (!bounds) return;
    const timer = window.setTimeout(() => {
      if (present.length > 0) showBounds(bounds, { padding: 0.25, maxZoom: 1.1, duration: 200, isWholeGraph: false });
      else showBounds(bounds, { padding: 0.08, maxZoom: 1, duration: 0, isWholeGraph: true });
    }, 40);
    return () => window.clearTimeout(timer);
  }, [focusRequest, laidOut, nodes, showBounds]);

  const graphHeightStyle = useMemo(() => {
    const bounds = laidOut ? getLayoutBounds(laidOut, null) : null;
    // The fit's padding (8 % of the canvas, both sides together) and the canvas's border on top of the graph itself.
    return bounds ? ({ '--graph-height': `${Math.ceil(bounds.height * MIN_FIT_ZOOM * 1.09) + 2}px` } as CSSProperties) : undefined;
  }, [laidOut]);

  return (
    <div ref={containerRef} onKeyDown={onKeyDown} style={graphHeightStyle} className={`relative rounded-lg border border-slate-200 bg-white ${heightClassName}`}>
      {error ? (
        <p role="alert" className="absolute inset-x-0 top-0 z-10 m-3 rounded bg-red-50 p-2 text-sm text-red-900">
          The graph could not be laid out: {error}
        </p>
      ) : null}
      {isLayingOut && !error ? (
        <p role="status" className="absolute top-3 left-1/2 z-10 -translate-x-1/2 rounded bg-slate-900/80 px-3 py-1 text-xs text-white">
          Laying out {formatCount(nodes.length)} nodes…
        </p>
      ) : null}
      <ReactFlow<AtlasNode, Edge>
        nodes={drawnNodes}
        edges={drawnEdges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable
        edgesFocusable={false}
        elementsSelectable
        panActivationKeyCode={null}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements={flowNodes.length > VIRTUALIZE_ABOVE}
        minZoom={0.02}
        maxZoom={2}
        aria-label="Dependency graph"
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        {/* Drawn once the graph is: it would otherwise draw every batch again. */}
        {isDrawnWhole ? (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap of the dependency graph"
            nodeColor={(node) => IMPACT_STYLES[(node as AtlasNode).data.model.impact].color}
            nodeStrokeWidth={0}
          />
        ) : null}
      </ReactFlow>
    </div>
  );
}

export default function GraphCanvas(props: GraphCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
