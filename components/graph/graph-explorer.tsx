'use client';

import dynamic from 'next/dynamic';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { FocusRequest } from '@/components/graph/graph-canvas';
import { GraphCountsList } from '@/components/graph/graph-counts';
import { GraphLegend } from '@/components/graph/graph-legend';
import { NodeDetailsPanel } from '@/components/graph/node-details-panel';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { MaintenanceWindowFinding } from '@/lib/audit/types';
import { buildDependencyGraph, countGraphSource, getRegionNodeId, getWindowNodeId } from '@/lib/graph/build';
import { filterGraph, hasActiveFilters, isSearchMatch, normalizeSearch } from '@/lib/graph/filters';
import { withAccount } from '@/lib/org/account-href';
import {
  CAPABILITIES,
  CAPABILITY_LABELS,
  DEFAULT_GROUP_THRESHOLD,
  EMPTY_FILTERS,
  type Capability,
  type GraphFilters,
  type GraphSource,
} from '@/lib/graph/types';
import { formatCount, pluralize } from '@/lib/format/count';

// The interactive dependency graph: filters, search, counts, legend, the canvas and the side panel. The canvas
// (React Flow and ELK) is loaded on demand, in the browser only, so no other page pays for it, and only once it
// nears the screen: on a region page it sits below the region's findings, and a reader who never scrolls to it
// costs the page no graph code at all.

function CanvasPlaceholder({ heightClassName = 'h-[70vh]' }: { heightClassName?: string }) {
  return (
    <div role="status" className={`flex items-center justify-center rounded-lg border border-slate-200 bg-white ${heightClassName}`}>
      <span className="sr-only">Loading the graph…</span>
      <Skeleton className="h-40 w-2/3" />
    </div>
  );
}

const GraphCanvas = dynamic(() => import('@/components/graph/graph-canvas'), { ssr: false, loading: () => <CanvasPlaceholder /> });

/** How far outside the screen the canvas starts loading. */
const CANVAS_LOAD_MARGIN = '400px 0px';

/** Whether the element has come within CANVAS_LOAD_MARGIN of the screen (stays true once it has). */
function useHasNearedScreen(): [RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [hasNeared, setHasNeared] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (hasNeared || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setHasNeared(true);
      },
      { rootMargin: CANVAS_LOAD_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNeared]);
  return [ref, hasNeared];
}

export interface GraphExplorerProps {
  source: GraphSource;
  /** `region`: the one-region graph of a region page (no region filter, shorter canvas). */
  variant?: 'full' | 'region';
  initialFilters?: Partial<GraphFilters>;
}

type Selection = { id: string; via: 'pointer' | 'keyboard' } | null;

type WindowsResponse = { ok: true; data: { windows: MaintenanceWindowFinding[] } } | { ok: false; message: string };

export function GraphExplorer({ source, variant = 'full', initialFilters }: GraphExplorerProps) {
  const [filters, setFilters] = useState<GraphFilters>({ ...EMPTY_FILTERS, ...initialFilters });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [loadedWindows, setLoadedWindows] = useState<Record<string, MaintenanceWindowFinding[]>>({});
  const [loadingRegion, setLoadingRegion] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [matchCursor, setMatchCursor] = useState(0);
  const [canvasSlot, isCanvasNear] = useHasNearedScreen();
  const heightClassName = variant === 'full' ? 'h-[70vh]' : 'h-[28rem]';
  // On a wide screen the canvas grows (up to 150 % of the screen's height) until the whole graph shows at the
  // smallest fit zoom; on a phone it keeps its height, so the page still scrolls past it.
  const canvasHeightClassName =
    variant === 'full' ? 'h-[70vh] lg:h-[clamp(70vh,var(--graph-height,0px),150vh)]' : 'h-[28rem] lg:h-[clamp(28rem,var(--graph-height,0px),150vh)]';

  const effectiveSource = useMemo<GraphSource>(
    () => ({
      ...source,
      regions: source.regions.map((region) =>
        region.windows === null && loadedWindows[region.code] ? { ...region, windows: loadedWindows[region.code] ?? null } : region,
      ),
    }),
    [source, loadedWindows],
  );
  const graph = useMemo(() => buildDependencyGraph(effectiveSource, { expandedRegions: expanded }), [effectiveSource, expanded]);
  const structuralFilters = useMemo(
    () => ({ regions: filters.regions, capabilities: filters.capabilities, isBlockersOnly: filters.isBlockersOnly, search: '' }),
    [filters.regions, filters.capabilities, filters.isBlockersOnly],
  );
  const visible = useMemo(() => filterGraph(graph, structuralFilters), [graph, structuralFilters]);
  const deferredSearch = useDeferredValue(filters.search);
  const matchIds = useMemo(() => {
    const query = normalizeSearch(deferredSearch);
    return query ? visible.nodes.filter((node) => isSearchMatch(node, query)).map((node) => node.id) : [];
  }, [visible.nodes, deferredSearch]);
  const counts = useMemo(() => countGraphSource(effectiveSource, new Set(filters.regions)), [effectiveSource, filters.regions]);
  const nodeById = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph.nodes]);
  const selectedNode = selection ? nodeById.get(selection.id) ?? null : null;
  const groupedRegions = effectiveSource.regions.filter(
    (region) => region.summary.windows > 0 && (region.windows === null || region.summary.windows > DEFAULT_GROUP_THRESHOLD) && !expanded.has(region.code),
  );

  // Searching zooms to what matches.
  useEffect(() => {
    if (matchIds.length === 0) return;
    const timer = window.setTimeout(() => setFocusRequest((previous) => ({ ids: matchIds, sequence: (previous?.sequence ?? 0) + 1 })), 250);
    return () => window.clearTimeout(timer);
  }, [matchIds]);

  const toggleRegion = useCallback(
    async (regionCode: string) => {
      if (expanded.has(regionCode)) {
        setExpanded((previous) => new Set([...previous].filter((code) => code !== regionCode)));
        setFocusRequest((previous) => ({ ids: [getRegionNodeId(regionCode)], sequence: (previous?.sequence ?? 0) + 1 }));
        return;
      }
      const region = effectiveSource.regions.find((candidate) => candidate.code === regionCode);
      if (!region) return;
      let windows = region.windows;
      if (windows === null) {
        setLoadingRegion(regionCode);
        setLoadError(null);
        try {
          const response = await fetch(withAccount(`/graph/windows/${encodeURIComponent(regionCode)}?audit=${encodeURIComponent(source.auditId)}`, source.memberAccountId), {
            headers: { Accept: 'application/json' },
          });
          const body = (await response.json()) as WindowsResponse;
          if (!body.ok) throw new Error(body.message);
          windows = body.data.windows;
          setLoadedWindows((previous) => ({ ...previous, [regionCode]: body.data.windows }));
        } catch (error) {
          setLoadError(`The windows of ${regionCode} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
          return;
        } finally {
          setLoadingRegion(null);
        }
      }
      setExpanded((previous) => new Set([...previous, regionCode]));
      // A region's column of windows is tall: zoom to its first windows rather than to all of it.
      const firstWindows = windows.slice(0, 6).map((window) => getWindowNodeId(regionCode, window.windowId));
      setFocusRequest((previous) => ({
        ids: firstWindows.length > 0 ? firstWindows : [getRegionNodeId(regionCode)],
        sequence: (previous?.sequence ?? 0) + 1,
      }));
    },
    [effectiveSource.regions, expanded, source.auditId, source.memberAccountId],
  );

  const onActivate = useCallback(
    (id: string, via: 'pointer' | 'keyboard') => {
      const node = nodeById.get(id);
      if (!node) return;
      if (node.kind === 'window-group' && node.group) {
        setSelection({ id: getRegionNodeId(node.group.regionCode), via });
        void toggleRegion(node.group.regionCode);
        return;
      }
      setSelection({ id, via });
    },
    [nodeById, toggleRegion],
  );

  const showNextMatch = () => {
    if (matchIds.length === 0) return;
    const index = matchCursor % matchIds.length;
    const id = matchIds[index];
    if (!id) return;
    setMatchCursor(index + 1);
    setSelection({ id, via: 'pointer' });
    setFocusRequest((previous) => ({ ids: [id], sequence: (previous?.sequence ?? 0) + 1 }));
  };

  const updateFilters = (patch: Partial<GraphFilters>) => {
    setFilters((previous) => ({ ...previous, ...patch }));
    if (patch.search !== undefined) setMatchCursor(0);
  };

  const selectedRegion =
    selectedNode?.kind === 'region' ? effectiveSource.regions.find((region) => region.code === selectedNode.regionCode) : undefined;
  const groupAction =
    selectedRegion && (selectedRegion.windows === null || selectedRegion.summary.windows > DEFAULT_GROUP_THRESHOLD)
      ? {
          label: expanded.has(selectedRegion.code)
            ? `Collapse the ${formatCount(selectedRegion.summary.windows)} windows`
            : `Expand the ${formatCount(selectedRegion.summary.windows)} windows`,
          onClick: () => void toggleRegion(selectedRegion.code),
          isBusy: loadingRegion === selectedRegion.code,
        }
      : undefined;
  // A region asked for in the address but absent from the scan stays selectable, so the filter is visible.
  const regionCodes = [...new Set([...source.regions.map((region) => region.code), ...filters.regions])].sort();
  const searchQuery = normalizeSearch(filters.search);

  return (
    <div className="space-y-4">
      <GraphCountsList counts={counts} />
      <form
        role="search"
        aria-label="Graph filters"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          showNextMatch();
        }}
      >
        {variant === 'full' ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium text-slate-700">Region</span>
            <select
              className="rounded-md border border-slate-300 px-2 py-1.5"
              value={filters.regions[0] ?? ''}
              onChange={(event) => updateFilters({ regions: event.target.value ? [event.target.value] : [] })}
            >
              <option value="">All regions ({regionCodes.length})</option>
              {regionCodes.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">Capability</span>
          <select
            className="rounded-md border border-slate-300 px-2 py-1.5"
            value={filters.capabilities[0] ?? ''}
            onChange={(event) => updateFilters({ capabilities: event.target.value ? [event.target.value as Capability] : [] })}
          >
            <option value="">All capabilities</option>
            {CAPABILITIES.map((capability) => (
              <option key={capability} value={capability}>
                {CAPABILITY_LABELS[capability]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 py-1.5">
          <input type="checkbox" checked={filters.isBlockersOnly} onChange={(event) => updateFilters({ isBlockersOnly: event.target.checked })} />
          <span className="font-medium text-slate-700">Blockers only</span>
        </label>
        <label className="flex min-w-56 flex-1 flex-col gap-1">
          <span className="font-medium text-slate-700">Search nodes</span>
          <input
            type="search"
            className="rounded-md border border-slate-300 px-2 py-1.5"
            placeholder="Name, id or ARN"
            value={filters.search}
            onChange={(event) => updateFilters({ search: event.target.value })}
          />
        </label>
        <Button type="submit" disabled={matchIds.length === 0}>
          Next match
        </Button>
        {hasActiveFilters(filters) ? (
          <Button variant="ghost" onClick={() => setFilters({ ...EMPTY_FILTERS })}>
            Clear filters
          </Button>
        ) : null}
        <p role="status" className="w-full text-xs text-slate-600">
          Showing {formatCount(visible.nodes.length)} of {formatCount(graph.nodes.length)} nodes
          {searchQuery ? ` · ${pluralize(matchIds.length, 'match', 'matches')} for “${filters.search.trim()}”` : ''}
          {searchQuery && groupedRegions.length > 0 ? ' · windows inside grouped regions are searched once expanded' : ''}
        </p>
      </form>
      {loadingRegion ? (
        <p role="status" className="text-sm text-slate-600">
          Loading the windows of {loadingRegion}…
        </p>
      ) : null}
      {loadError ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {loadError}
        </p>
      ) : null}
      {expanded.size > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Expanded:</span>
          {[...expanded].map((code) => (
            <Button key={code} size="sm" onClick={() => void toggleRegion(code)}>
              Collapse {code}
            </Button>
          ))}
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div ref={canvasSlot} className="min-w-0">
          {isCanvasNear ? (
            <GraphCanvas
              nodes={visible.nodes}
              edges={visible.edges}
              matchIds={matchIds}
              selectedId={selection?.id ?? null}
              focusRequest={focusRequest}
              onActivate={onActivate}
              heightClassName={canvasHeightClassName}
            />
          ) : (
            <CanvasPlaceholder heightClassName={heightClassName} />
          )}
          <p className="mt-2 text-xs text-slate-500">
            Tab or the arrow keys move between nodes (up and down within a column, right to what a node holds, left to what holds it); Enter
            or Space opens the details; a grouped node expands its region.
          </p>
        </div>
        <div className="space-y-4">
          {selectedNode ? (
            <NodeDetailsPanel
              node={selectedNode}
              shouldTakeFocus={selection?.via === 'keyboard'}
              onClose={() => setSelection(null)}
              groupAction={groupAction}
              isSandbox={source.target === 'sandbox'}
            />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">Select a node to see its details and what resolves it.</p>
          )}
          <GraphLegend />
        </div>
      </div>
    </div>
  );
}
