// `npm run bench:audit`: measures the region scanner against the sandbox.
// 1. demo scenario, 100 ms latency on every call: wall time, calls, peak concurrency, the critical-path floor
//    (longest chain of dependent calls × latency), wall/floor, then the same scan one call at a time and the speedup.
// 2. large scenario, no latency: wall time and peak memory (RSS sampled) of a fresh process that runs only that scan
//    (scripts/bench-audit-large.ts, bundled as `next build` bundles the server), with the V8 heap settings `npm start`
//    gives the server, and with V8's own defaults for this machine.
// The sandbox runs in a child process so that its memory is not counted. Prints figures; asserts nothing.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, needsServerCondition, rerunWithServerCondition, seconds, startSandboxProcess } from './bench-support';

const LATENCY_MS = 100;
const scriptPath = path.resolve(process.argv[1] ?? 'scripts/bench-audit.ts');

async function main(): Promise<void> {
  const { createAwsClients } = await import('@/lib/aws/clients');
  const { parseSettings, SANDBOX_ACCOUNT_ID } = await import('@/lib/config');
  const { scanAllRegions, ScanMetrics } = await import('@/lib/audit/scanner');
  type ScanLimits = import('@/lib/audit/scanner').ScanLimits;

  const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-audit-'));
  const sandbox = await startSandboxProcess(dataDir, 'demo');
  try {
    const settings = parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(sandbox.port) });
    const clients = createAwsClients(settings);
    const target = { target: 'sandbox' as const, accountId: SANDBOX_ACCOUNT_ID, callerArn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/bench`, partition: 'aws' };

    async function timedScan(limits: Partial<ScanLimits> = {}) {
      const metrics = new ScanMetrics();
      const started = performance.now();
      const audit = await scanAllRegions({ clients, homeRegion: 'us-east-1', target, role: { exists: true }, limits, metrics });
      return { audit, metrics, wallMs: performance.now() - started };
    }

    // Warm-up (connections, JIT), not measured.
    await timedScan();

    console.log(`Region audit benchmark — demo scenario, ${LATENCY_MS} ms latency on every call`);
    await admin(sandbox.url, 'POST', 'faults', { faults: [{ latencyMs: LATENCY_MS }] });
    // The machine may be shared: the median of a few runs, with every run shown.
    const runs = [];
    for (let run = 0; run < 3; run += 1) {
      await admin(sandbox.url, 'DELETE', 'calls');
      const cpuBefore = process.cpuUsage();
      const result = await timedScan();
      const cpu = process.cpuUsage(cpuBefore);
      runs.push({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    const parallel = [...runs].sort((a, b) => a.wallMs - b.wallMs)[1]!;
    const logged = ((await admin(sandbox.url, 'GET', 'calls')) as { calls: unknown[] }).calls.length;
    const chain = parallel.metrics.criticalPathCalls();
    const floorMs = chain * LATENCY_MS;
    const scanned = parallel.audit.regions.filter((region) => region.status.kind === 'ok').length;
    const notOk = parallel.audit.regions.filter((region) => region.status.kind !== 'ok' && region.status.kind !== 'not-enabled');
    const withWarnings = parallel.audit.regions.filter((region) => region.warnings.length > 0).length;
    console.log(`  regions: ${parallel.audit.regions.length} listed, ${scanned} scanned${notOk.length ? `, ${notOk.length} NOT READ (${notOk.map((region) => region.region.code).join(', ')})` : ''}${withWarnings ? `, ${withWarnings} with partial data` : ''}`);
    console.log(`  wall time:            ${seconds(parallel.wallMs)} (median of ${runs.map((run) => seconds(run.wallMs)).join(', ')})`);
    console.log(`  scanner CPU time:     ${seconds(parallel.cpuMs)} (its own process; the sandbox runs in another)`);
    console.log(`  AWS calls:            ${parallel.metrics.calls} (sandbox call log: ${logged}; retries: ${parallel.metrics.retries})`);
    console.log(`  peak concurrency:     ${parallel.metrics.peakInFlight} calls in flight`);
    console.log(`  critical-path floor:  ${chain} dependent calls × ${LATENCY_MS} ms = ${seconds(floorMs)}`);
    console.log(`  wall / floor:         ${(parallel.wallMs / floorMs).toFixed(2)} (target: wall time ≤ 0.40 s)`);

    // Evidence of use: the CloudTrail scan (2 lookups a second per region, bursts of 2) and the Access Advisor
    // report, run alongside the audit over the regions it lists, as the dashboard runs them: each region down to
    // its newest session (`latest`), with one pacer for the process. The role page's full 90-day history is
    // measured apart.
    const { collectRoleEvidence, LOOKUP_RATE } = await import('@/lib/evidence/scan');
    const { Pacer } = await import('@/lib/evidence/pacer');
    const { getRoleArn } = await import('@/lib/role/constants');
    type EvidenceDepth = import('@/lib/evidence/types').EvidenceDepth;
    const roleArn = getRoleArn('aws', SANDBOX_ACCOUNT_ID);
    const pacer = new Pacer(LOOKUP_RATE);
    async function timedAuditWithEvidence(depth: EvidenceDepth, withAccessAdvisor: boolean) {
      const started = performance.now();
      let evidenceDone = Promise.resolve(0);
      await admin(sandbox.url, 'DELETE', 'calls');
      await scanAllRegions({
        clients,
        homeRegion: 'us-east-1',
        target,
        role: { exists: true },
        onEvent: (event) => {
          if (event.type !== 'started') return;
          evidenceDone = collectRoleEvidence(clients, { roleArn, regions: event.regions, depth, deadlineMs: 60_000, pacer, ...(withAccessAdvisor ? {} : { skipAccessAdvisor: true }) }).then(
            (evidence) => evidence.regions.reduce((sum, region) => sum + region.lookupCalls, 0),
          );
        },
      });
      const lookups = await evidenceDone;
      const wallMs = performance.now() - started;
      const calls = ((await admin(sandbox.url, 'GET', 'calls')) as { calls: Array<{ operation: string; status: number }> }).calls;
      const throttled = calls.filter((call) => call.operation === 'LookupEvents' && call.status !== 200).length;
      // AWS's bucket refills between runs, as it would between two audits.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { wallMs, lookups, throttled };
    }
    async function medianOfThree(depth: EvidenceDepth) {
      const runs = [];
      for (let run = 0; run < 3; run += 1) runs.push(await timedAuditWithEvidence(depth, false));
      const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[1]!;
      const detail = `median of ${runs.map((run) => seconds(run.wallMs)).join(', ')}; ${median.lookups} lookups, ${runs.reduce((sum, run) => sum + run.throttled, 0)} throttled in the 3 runs`;
      return { median, detail };
    }
    const latest = await medianOfThree('latest');
    const history = await medianOfThree('history');
    const withAdvisor = await timedAuditWithEvidence('latest', true);
    console.log(`  with evidence (CloudTrail, newest session per region, as the audit runs it): ${seconds(latest.median.wallMs)} (${latest.detail})`);
    console.log(`  evidence cost:        +${seconds(latest.median.wallMs - parallel.wallMs)}, ${(latest.median.wallMs / parallel.wallMs).toFixed(2)} × the audit alone (target < 1.5)`);
    console.log(`  with the 90-day history (the role page's read): ${seconds(history.median.wallMs)} (${history.detail}), ${(history.median.wallMs / parallel.wallMs).toFixed(2)} × the audit alone`);
    console.log(`  with Access Advisor too: ${seconds(withAdvisor.wallMs)} (the sandbox's report job takes its configured time, 1.5 s by default)`);

    const sequential = await timedScan({ globalConcurrency: 1, regionConcurrency: 1 });
    console.log(`  one call at a time:   ${seconds(sequential.wallMs)} (${sequential.metrics.calls} calls, peak ${sequential.metrics.peakInFlight} in flight)`);
    console.log(`  speedup:              ${(sequential.wallMs / parallel.wallMs).toFixed(1)}× (target ≥ 10×)`);

    console.log('');
    console.log('Region audit benchmark — large scenario, no latency');
    await admin(sandbox.url, 'POST', 'faults', { clear: true });
    await admin(sandbox.url, 'POST', 'reset', { scenario: 'large' });
    // A fresh process, so that the figures are the large scan's alone, not the heap grown by the runs above.
    await largeScenario(sandbox.port, dataDir);
  } finally {
    sandbox.child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The V8 flags `npm start` runs the server with: the large scan is measured under them. */
async function serverV8Flags(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.resolve('package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts.start?.match(/--max-[a-z-]+-size=\d+/g) ?? [];
}

/** Bundles the large scan as `next build` bundles server code: the SDK's ESM builds, tree-shaken, `react-server`. */
async function bundleLargeScan(outDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(outDir, 'large-scan.mjs');
  await build({
    entryPoints: [path.resolve('scripts/bench-audit-large.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    conditions: ['react-server'],
    mainFields: ['module', 'main'],
    alias: { '@': path.resolve('.') },
    outfile,
    logLevel: 'warning',
    // CommonJS dependencies inside the bundle still call require().
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

interface LargeScanFigures {
  summary: string;
  wall: string;
  cpu: string;
  calls: string;
  peakRss: string;
  baselineRss: string;
  retainedHeap: string;
}

function runLargeScan(bundle: string, port: number, v8Flags: string[]): Promise<LargeScanFigures> {
  const child = spawn(process.execPath, ['--expose-gc', ...v8Flags, bundle, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!) as LargeScanFigures) : reject(new Error(`The large scan exited with ${code}`)))),
  );
}

async function largeScenario(port: number, dataDir: string): Promise<void> {
  const bundle = await bundleLargeScan(dataDir);
  const flags = await serverV8Flags();
  const asServed = await runLargeScan(bundle, port, flags);
  const v8Defaults = await runLargeScan(bundle, port, []);
  console.log(`  scanned:              ${asServed.summary}`);
  console.log(`  wall time:            ${asServed.wall} (target < 10 s; with V8's defaults: ${v8Defaults.wall})`);
  console.log(`  scanner CPU time:     ${asServed.cpu}`);
  console.log(`  AWS calls:            ${asServed.calls}`);
  console.log(
    `  peak RSS:             ${asServed.peakRss} with the server's heap settings (${flags.join(' ') || 'none in the start script'}); a fresh process: ${asServed.baselineRss} before the scan; target < 300 MB`,
  );
  console.log(`  peak RSS, V8 defaults: ${v8Defaults.peakRss} (V8 sizes the young generation from this machine's memory)`);
  console.log(`  heap after the scan:  ${asServed.retainedHeap} once collected (the audit result included)`);
}

if (needsServerCondition() && !process.env.ATLAS_BENCH_CHILD) {
  process.env.ATLAS_BENCH_CHILD = '1';
  rerunWithServerCondition(scriptPath).then((code) => process.exit(code));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
