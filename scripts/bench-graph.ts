// Measures the dependency graph: ELK layout time for 500, 2,000 and 5,000 visible nodes built by the real builder
// from synthetic audits, and the first-load JavaScript of each route from the last production build.
//
//   npm run bench:graph                  (reads the build in NEXT_DIST_DIR, default .next)
//   NEXT_DIST_DIR=.next-graph npm run bench:graph

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { buildDependencyGraph } from '@/lib/graph/build';
import { getBundledLayoutEngine } from '@/lib/graph/elk-engine';
import { layoutGraph } from '@/lib/graph/layout';
import { createSyntheticAudit, LARGE_SCENARIO_SHAPE } from '@/test-support/sample-audits';
import { toGraphSource } from '@/lib/graph/source';

const TASKS_PER_WINDOW = 5;
const RUNS = 3;

/** role + 3 capabilities + regions × (region + windows × (window + tasks)) ≈ target. */
function shapeFor(targetNodes: number): { regionCount: number; windowsPerRegion: number } {
  const regionCount = Math.min(LARGE_SCENARIO_SHAPE.regionCount, Math.max(1, Math.round(targetNodes / 600)));
  const windowsPerRegion = Math.max(1, Math.round((targetNodes - 4 - regionCount) / (regionCount * (1 + TASKS_PER_WINDOW))));
  return { regionCount, windowsPerRegion };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function benchLayout(targetNodes: number): Promise<void> {
  const shape = shapeFor(targetNodes);
  const audit = createSyntheticAudit({ ...shape, tasksPerWindow: TASKS_PER_WINDOW, relyingTasksPerWindow: 2 });
  const source = toGraphSource(audit, { includeAllWindows: true });
  const buildStart = performance.now();
  const graph = buildDependencyGraph(source, { expandedRegions: new Set(source.regions.map((region) => region.code)) });
  const buildMs = performance.now() - buildStart;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    const layout = await layoutGraph(graph.nodes, graph.edges, getBundledLayoutEngine());
    times.push(performance.now() - start);
    if (layout.positions.size !== graph.nodes.length) throw new Error('layout lost nodes');
  }
  const label = `${targetNodes.toLocaleString('en-US')} nodes`.padEnd(13);
  console.log(
    `  ${label} actual ${String(graph.nodes.length).padStart(5)} nodes, ${String(graph.edges.length).padStart(5)} edges` +
      ` (${shape.regionCount} regions × ${shape.windowsPerRegion} windows × ${TASKS_PER_WINDOW} tasks)` +
      `  build ${buildMs.toFixed(1)} ms  layout median ${median(times).toFixed(0)} ms (runs: ${times.map((time) => time.toFixed(0)).join(', ')})`,
  );
}

async function benchGroupedLarge(): Promise<void> {
  const audit = createSyntheticAudit();
  const source = toGraphSource(audit);
  const graph = buildDependencyGraph(source);
  const start = performance.now();
  await layoutGraph(graph.nodes, graph.edges, getBundledLayoutEngine());
  const payload = Buffer.byteLength(JSON.stringify(source));
  console.log(
    `  large scenario, grouped: ${graph.nodes.length} nodes, layout ${(performance.now() - start).toFixed(0)} ms,` +
      ` source sent to the browser ${(payload / 1024).toFixed(1)} kB (full audit ${(Buffer.byteLength(JSON.stringify(audit)) / 1024 / 1024).toFixed(1)} MB)`,
  );
}

// ---------- first-load JavaScript per route ----------

interface RouteSize {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  hasExplorer: boolean;
  hasReactFlow: boolean;
  /** ELK's engine in a chunk the page itself runs (first load or on demand) rather than in the layout worker. */
  hasElkEngine: boolean;
  /** Chunks fetched after the page loads (next/dynamic), e.g. the graph canvas. */
  onDemandGzipBytes: number;
  onDemandRawBytes: number;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Next 16 (Turbopack) prints no sizes in its route table, so they are computed from what it writes:
 * - `build-manifest.json` `rootMainFiles`: the runtime every page loads;
 * - `server/app-paths-manifest.json`: every App Router page;
 * - `server/app/<page>_client-reference-manifest.js` `entryJSFiles`: per segment, the client chunks a page's HTML
 *   loads up front. A page loads its own entry plus those of the layouts and error/not-found boundaries above it;
 * - `server/app/<page>/react-loadable-manifest.json`: chunks loaded later by next/dynamic (listed apart).
 * A webpack build's `app-build-manifest.json` is read the same way when present.
 */
interface RouteChunks {
  firstLoad: string[];
  onDemand: string[];
}

function segmentApplies(segmentKey: string, pageKey: string): boolean {
  const match = /^\[project\]\/(.*)\/(layout|error|not-found|page)$/.exec(segmentKey);
  if (!match || !match[1]) return false;
  if (segmentKey === pageKey) return true;
  if (match[2] === 'page') return false;
  const pageDir = pageKey.replace(/^\[project\]\//, '').replace(/\/page$/, '');
  return pageDir === match[1] || pageDir.startsWith(`${match[1]}/`);
}

function readClientReferenceManifest(file: string): Record<string, unknown> | null {
  const holder: { __RSC_MANIFEST?: Record<string, unknown> } = {};
  // The file assigns to globalThis.__RSC_MANIFEST; run it against a private object instead of the real global.
  new Function('globalThis', readFileSync(file, 'utf8'))(holder);
  const manifests = holder.__RSC_MANIFEST;
  const first = manifests ? Object.values(manifests)[0] : undefined;
  return isRecord(first) ? first : null;
}

function collectRouteChunks(distDir: string): Map<string, RouteChunks> {
  const routes = new Map<string, RouteChunks>();
  const buildManifest = path.join(distDir, 'build-manifest.json');
  const shared = existsSync(buildManifest) ? toStringArray((readJson(buildManifest) as Record<string, unknown>).rootMainFiles) : [];
  const appBuildManifest = path.join(distDir, 'app-build-manifest.json');
  if (existsSync(appBuildManifest)) {
    const pages = (readJson(appBuildManifest) as { pages?: Record<string, unknown> }).pages ?? {};
    for (const [page, files] of Object.entries(pages)) {
      if (!page.endsWith('/page')) continue;
      routes.set(page.replace(/\/page$/, '') || '/', { firstLoad: [...new Set([...shared, ...toStringArray(files)])], onDemand: [] });
    }
    return routes;
  }
  const appPathsManifest = path.join(distDir, 'server', 'app-paths-manifest.json');
  if (!existsSync(appPathsManifest)) return routes;
  const appPaths = readJson(appPathsManifest);
  if (!isRecord(appPaths)) return routes;
  for (const page of Object.keys(appPaths)) {
    if (!page.endsWith('/page') || page.startsWith('/_')) continue;
    const manifestFile = path.join(distDir, 'server', 'app', `${page}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const manifest = readClientReferenceManifest(manifestFile);
    const entries = manifest && isRecord(manifest.entryJSFiles) ? manifest.entryJSFiles : {};
    const pageKey = `[project]/app${page}`;
    const firstLoad = new Set(shared);
    for (const [segment, files] of Object.entries(entries)) {
      if (segmentApplies(segment, pageKey)) for (const file of toStringArray(files)) firstLoad.add(file);
    }
    const loadable = path.join(distDir, 'server', 'app', page, 'react-loadable-manifest.json');
    const onDemand = new Set<string>();
    if (existsSync(loadable)) {
      const entriesOfLoadable = readJson(loadable);
      if (isRecord(entriesOfLoadable)) {
        for (const entry of Object.values(entriesOfLoadable)) {
          if (isRecord(entry)) for (const file of toStringArray(entry.files)) if (!firstLoad.has(file)) onDemand.add(file);
        }
      }
    }
    routes.set(page.replace(/\/page$/, '') || '/', { firstLoad: [...firstLoad], onDemand: [...onDemand] });
  }
  return routes;
}

/**
 * Text only the graph's code contains: the explorer (legend swatches), React Flow's own class names, and ELK's
 * engine (its Java package name), which belongs in the layout worker's chunk only.
 */
const GRAPH_MARKERS = { explorer: 'data-legend-swatch', reactFlow: 'react-flow__node', elkEngine: 'org.eclipse.elk' } as const;

function sizeFiles(
  distDir: string,
  files: readonly string[],
  gzipCache: Map<string, number>,
): { files: number; rawBytes: number; gzipBytes: number; hasExplorer: boolean; hasReactFlow: boolean; hasElkEngine: boolean } {
  let rawBytes = 0;
  let gzipBytes = 0;
  let count = 0;
  let hasExplorer = false;
  let hasReactFlow = false;
  let hasElkEngine = false;
  for (const file of files) {
    if (!file.endsWith('.js')) continue;
    const absolute = path.join(distDir, file.replace(/^\/?_next\//, ''));
    if (!existsSync(absolute)) continue;
    count += 1;
    rawBytes += statSync(absolute).size;
    let gzip = gzipCache.get(absolute);
    if (gzip === undefined) {
      gzip = gzipSync(readFileSync(absolute)).length;
      gzipCache.set(absolute, gzip);
    }
    gzipBytes += gzip;
    const text = readFileSync(absolute, 'utf8');
    hasExplorer ||= text.includes(GRAPH_MARKERS.explorer);
    hasReactFlow ||= text.includes(GRAPH_MARKERS.reactFlow);
    hasElkEngine ||= text.includes(GRAPH_MARKERS.elkEngine);
  }
  return { files: count, rawBytes, gzipBytes, hasExplorer, hasReactFlow, hasElkEngine };
}

function sizeRoutes(distDir: string): RouteSize[] {
  const gzipCache = new Map<string, number>();
  const sizes: RouteSize[] = [];
  for (const [route, chunks] of collectRouteChunks(distDir)) {
    const firstLoad = sizeFiles(distDir, chunks.firstLoad, gzipCache);
    const onDemand = sizeFiles(distDir, chunks.onDemand, gzipCache);
    sizes.push({
      route,
      ...firstLoad,
      hasElkEngine: firstLoad.hasElkEngine || onDemand.hasElkEngine,
      onDemandGzipBytes: onDemand.gzipBytes,
      onDemandRawBytes: onDemand.rawBytes,
    });
  }
  return sizes.sort((a, b) => a.route.localeCompare(b.route));
}

function benchBundles(): void {
  const distDir = path.resolve(process.env.NEXT_DIST_DIR || '.next');
  if (!existsSync(distDir)) {
    console.log(`\nFirst-load JS: no build in ${distDir}; run \`NEXT_DIST_DIR=${path.basename(distDir)} npx next build\` first.`);
    return;
  }
  const sizes = sizeRoutes(distDir);
  if (sizes.length === 0) {
    console.log(`\nFirst-load JS: no App Router manifests found in ${distDir}.`);
    return;
  }
  console.log(`\nFirst-load JavaScript per route (${path.relative(process.cwd(), distDir) || distDir}):`);
  for (const size of sizes) {
    console.log(
      `  ${size.route.padEnd(20)} ${(size.gzipBytes / 1024).toFixed(1).padStart(7)} kB gzip ${(size.rawBytes / 1024).toFixed(1).padStart(8)} kB raw (${String(size.files).padStart(2)} files)` +
        (size.onDemandRawBytes > 0
          ? `   + on demand ${(size.onDemandGzipBytes / 1024).toFixed(1)} kB gzip / ${(size.onDemandRawBytes / 1024).toFixed(1)} kB raw`
          : '') +
        (size.hasExplorer ? '   [graph explorer in first load]' : '') +
        (size.hasReactFlow ? '   [React Flow in first load]' : '') +
        (size.hasElkEngine ? '   [ELK on the page thread]' : ''),
    );
  }
  const chunkDir = path.join(distDir, 'static', 'chunks');
  const workerChunks = readdirSync(chunkDir).filter((file) => file.endsWith('.js') && readFileSync(path.join(chunkDir, file), 'utf8').includes(GRAPH_MARKERS.elkEngine));
  const worker = sizeFiles(distDir, workerChunks.map((file) => `static/chunks/${file}`), new Map());
  console.log(
    `  ELK engine, fetched by the layout worker only: ${(worker.gzipBytes / 1024).toFixed(1)} kB gzip / ${(worker.rawBytes / 1024).toFixed(1)} kB raw (${worker.files} file${worker.files === 1 ? '' : 's'})`,
  );
}

async function main(): Promise<void> {
  console.log('ELK layered layout (elkjs bundled build, in this thread: the browser runs the same build in a web worker), fully expanded synthetic audits:');
  for (const target of [500, 2_000, 5_000]) await benchLayout(target);
  await benchGroupedLarge();
  benchBundles();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
