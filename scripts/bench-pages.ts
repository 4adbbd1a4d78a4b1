// `npm run bench:pages`: Lighthouse's performance, total blocking time and accessibility for every page of the
// dashboard. It builds nothing: it starts the last production build (`NEXT_DIST_DIR`, default `.next`) on free
// ports with a fresh sandbox on the `demo` scenario, runs one audit so the pages show findings, then runs
// Lighthouse (its default configuration: mobile, simulated throttling) in Debian's Chromium with the end-to-end
// tests' flags, several times per page, and prints the median run of each page. Prints figures; asserts nothing.
//
//   npm run bench:pages                       every page, 3 runs each
//   npm run bench:pages -- --runs 1 /graph    one page, one run
//   npm run bench:pages -- --reports DIR       also keeps each run's Lighthouse JSON report in DIR

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import type { Result as LighthouseResult } from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@/test-support/chromium';
import { DASHBOARD_PAGES } from '@/test-support/dashboard-pages';

interface PageFigures {
  performance: number;
  totalBlockingTimeMs: number;
  accessibility: number;
  largestContentfulPaintMs: number;
}

function parseArguments(argv: string[]): { runs: number; pages: string[]; reportDir: string | null } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { runs: { type: 'string', default: '3' }, reports: { type: 'string' } },
    allowPositionals: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs takes a whole number from 1 to 20.');
  const reportDir = values.reports ?? null;
  if (reportDir !== null && (!reportDir || reportDir.startsWith('-'))) throw new Error('--reports takes a folder.');
  const unknown = positionals.find((argument) => !argument.startsWith('/'));
  if (unknown) throw new Error(`Unknown argument ${unknown}: give --runs N and page paths such as /graph.`);
  return { runs, pages: positionals.length > 0 ? positionals : [...DASHBOARD_PAGES], reportDir };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The dashboard exited (${server.exitCode}) before answering.`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The dashboard did not answer ${url}/api/health within ${timeoutMs / 1000} s.`);
}

async function runAudit(url: string): Promise<void> {
  const response = await fetch(`${url}/api/audit/stream`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { type?: string };
  if (!response.ok || last.type !== 'finished') throw new Error(`The audit did not finish (HTTP ${response.status}).`);
}

function median<T>(values: readonly T[], by: (value: T) => number): T {
  const sorted = [...values].sort((a, b) => by(a) - by(b));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

/**
 * Lighthouse's own command line, in a plain Node process: it sends functions into the page as source text, and
 * the helpers tsx adds to functions do not exist there.
 */
function runLighthouse(url: string, chromePort: number): Promise<LighthouseResult> {
  const child = spawn(
    process.execPath,
    [
      path.resolve('node_modules/lighthouse/cli/index.js'),
      url,
      `--port=${chromePort}`,
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility',
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`Lighthouse exited with ${code} on ${url}${errors ? `: ${errors.trim().split('\n').at(-1)}` : ''}.`));
      else resolve(JSON.parse(output) as LighthouseResult);
    });
  });
}

async function measure(url: string, chromePort: number, reportPath: string | null): Promise<PageFigures> {
  const lhr = await runLighthouse(url, chromePort);
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (reportPath) await writeFile(reportPath, JSON.stringify(lhr));
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const failing = Object.values(lhr.audits).filter(
    (item) => item.score !== null && item.score < 1 && lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === item.id && ref.weight > 0),
  );
  for (const item of failing) console.log(`    accessibility: ${item.id}: ${item.title}`);
  return {
    performance: score('performance'),
    totalBlockingTimeMs: audit('total-blocking-time'),
    accessibility: score('accessibility'),
    largestContentfulPaintMs: audit('largest-contentful-paint'),
  };
}

async function main(): Promise<void> {
  const { runs, pages, reportDir } = parseArguments(process.argv.slice(2));
  if (reportDir) await mkdir(reportDir, { recursive: true });
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}: run \`npx next build\` first (this benchmark builds nothing).`);
  }
  const [port, sandboxPort] = [await findFreePort(), await findFreePort()];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-pages-'));
  const server = spawn(path.resolve('node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ATLAS_TARGET: 'sandbox',
      ATLAS_ACCESS_TOKEN: '',
      ATLAS_READ_ONLY: '',
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_SCENARIO: 'demo',
      SANDBOX_DATA_DIR: path.join(dataDir, 'sandbox'),
      ATLAS_DATA_DIR: path.join(dataDir, 'atlas'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, server, 120_000);
    await runAudit(baseUrl);
    chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? CHROMIUM_PATH,
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });
    const loadBefore = loadavg();
    console.log(`Lighthouse 12.2.3, default configuration (mobile, simulated throttling), ${runs} run(s) per page, median by performance:`);
    console.log(`  ${'page'.padEnd(20)} ${'performance'.padStart(11)} ${'TBT'.padStart(8)} ${'LCP'.padStart(8)} ${'accessibility'.padStart(13)}  runs (performance/TBT)`);
    for (const page of pages) {
      // One unmeasured visit, so the server has compiled and cached what the page needs.
      await fetch(`${baseUrl}${page}`).then((response) => response.text());
      const results: PageFigures[] = [];
      const failures: string[] = [];
      // Lighthouse sometimes loses a run's trace on a loaded machine (NO_NAVSTART): such a run is run again.
      while (results.length < runs && failures.length < runs) {
        try {
          const reportPath = reportDir ? path.join(reportDir, `${page.replace(/[^a-z0-9-]+/gi, '_')}-${results.length + failures.length + 1}.json`) : null;
          results.push(await measure(`${baseUrl}${page}`, chrome.port, reportPath));
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      for (const failure of failures) console.log(`    run failed and was repeated: ${failure}`);
      if (results.length === 0) {
        console.log(`  ${page.padEnd(20)} no run succeeded`);
        continue;
      }
      const chosen = median(results, (figures) => figures.performance);
      console.log(
        `  ${page.padEnd(20)} ${String(chosen.performance).padStart(11)} ${`${chosen.totalBlockingTimeMs.toFixed(0)} ms`.padStart(8)}` +
          ` ${`${(chosen.largestContentfulPaintMs / 1000).toFixed(2)} s`.padStart(8)} ${String(chosen.accessibility).padStart(13)}` +
          `  ${results.map((figures) => `${figures.performance}/${figures.totalBlockingTimeMs.toFixed(0)}`).join(', ')}`,
      );
    }
    const loadAfter = loadavg();
    console.log(`Load average (1 min) ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after (${process.platform}, Node ${process.versions.node}).`);
  } finally {
    chrome?.kill();
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
