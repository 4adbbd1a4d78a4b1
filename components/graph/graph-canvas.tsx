'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { GraphNode, type AtlasNode } from '@/components/graph/graph-node';
import { getNodeAccessibleName } from '@/components/graph/node-labels';
import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import { getWorkerLayoutEngine } from '@/components/graph/worker-layout-engine';
import { getNodeSize, layoutGraph, type GraphLayout } from '@/lib/graph/layout';
import type { GraphEdgeModel, GraphNodeModel } from '@/lib/graph/types';

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
  heightClassName: string;
}

const nodeTypes = { atlas: GraphNode };
/** Above this many nodes only those in view are rendered. */
const VIRTUALIZE_ABOVE = 400;

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
        setLaidOut({ nodes, edges, layout });
        setError(null);
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
    const timer = window.setTimeout(() => {
      if (present.length > 0) void flow.fitView({ nodes: present.map((id) => ({ id })), padding: 0.25, maxZoom: 1.1, minZoom: 0.05, duration: 200 });
      else void flow.fitView({ padding: 0.08, maxZoom: 1, duration: 0 });
    }, 40);
    return () => window.clearTimeout(timer);
  }, [flow, focusRequest, laidOut, nodes]);

  return (
    <div ref={containerRef} onKeyDown={onKeyDown} className={`relative rounded-lg border border-slate-200 bg-white ${heightClassName}`}>
      {error ? (
        <p role="alert" className="absolute inset-x-0 top-0 z-10 m-3 rounded bg-red-50 p-2 text-sm text-red-900">
          The graph could not be laid out: {error}
        </p>
      ) : null}
      {isLayingOut && !error ? (
        <p role="status" className="absolute top-3 left-1/2 z-10 -translate-x-1/2 rounded bg-slate-900/80 px-3 py-1 text-xs text-white">
          Laying out {nodes.length.toLocaleString('en-US')} nodes…
        </p>
      ) : null}
      <ReactFlow<AtlasNode, Edge>
        nodes={flowNodes}
        edges={flowEdges}
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
        fitView
        aria-label="Dependency graph"
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap of the dependency graph"
          nodeColor={(node) => IMPACT_STYLES[(node as AtlasNode).data.model.impact].color}
          nodeStrokeWidth={0}
        />
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
