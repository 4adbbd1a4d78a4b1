import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeMaintenanceWindowsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { buildScenario } from '../sandbox/scenarios';
import { startSandbox } from '../sandbox/server';
import { STATE_FILE_NAME } from '../sandbox/store';

// Measures the sandbox's own throughput (real SDK clients, no faults) and how long the `large` scenario takes
// to build, reset to, and load from disk. Prints figures; targets: ≥ 2,000 calls/s, large loads in < 2 s.
// The sandbox runs in its own process (as `npm run sandbox` does), and the SDK clients in two more, so the
// clients' own CPU (signing, XML/JSON parsing) is not charged to the sandbox.

const CONCURRENCY = 32;
const CLIENT_PROCESSES = 2;
const DURATION_MS = 4_000;
const WARM_UP_MS = 500;
const credentials = { accessKeyId: 'AKIABENCHSANDBOX0001', secretAccessKey: 'bench' };

interface Measurement {
  completed: number;
  failed: number;
  elapsedSeconds: number;
  latencies: number[];
}

async function measure(call: () => Promise<unknown>, concurrency: number): Promise<Measurement> {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warmUpEnd) await call().catch(() => undefined);
    }),
  );
  const result: Measurement = { completed: 0, failed: 0, elapsedSeconds: 0, latencies: [] };
  const startedAt = performance.now();
  const endAt = startedAt + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < endAt) {
        const callStartedAt = performance.now();
        try {
          await call();
          result.completed += 1;
        } catch {
          result.failed += 1;
        }
        result.latencies.push(performance.now() - callStartedAt);
      }
    }),
  );
  result.elapsedSeconds = (performance.now() - startedAt) / 1000;
  return result;
}

function report(label: string, results: Measurement[], concurrency: number): void {
  const completed = results.reduce((total, result) => total + result.completed, 0);
  const failed = results.reduce((total, result) => total + result.failed, 0);
  const elapsedSeconds = Math.max(...results.map((result) => result.elapsedSeconds));
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);
  console.log(
    `${label.padEnd(52)} ${(completed / elapsedSeconds).toFixed(0).padStart(6)} calls/s  ` +
      `(${completed} ok, ${failed} failed in ${elapsedSeconds.toFixed(1)} s, concurrency ${concurrency}, p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms)`,
  );
}

function createSdkCall(url: string, operation: string): { call: () => Promise<unknown>; close: () => void } {
  const config = { region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 };
  if (operation === 'GetRole') {
    const iam = new IAMClient(config);
    return { call: () => iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonSSM' })), close: () => iam.destroy() };
  }
  const ssm = new SSMClient(config);
  return { call: () => ssm.send(new DescribeMaintenanceWindowsCommand({ MaxResults: 10 })), close: () => ssm.destroy() };
}

/** Runs this script as an SDK client process: `--client <url> <operation> <concurrency>`; prints its measurement. */
async function runClientProcess(url: string, operation: string, concurrency: number): Promise<void> {
  const sdk = createSdkCall(url, operation);
  const result = await measure(sdk.call, concurrency);
  sdk.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnTsx(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--no-warnings', '--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
}

function collectOutput(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`client process exited with code ${code}`))));
  });
}

async function measureSdkThroughput(url: string, operation: string): Promise<void> {
  const perProcess = CONCURRENCY / CLIENT_PROCESSES;
  const outputs = await Promise.all(
    Array.from({ length: CLIENT_PROCESSES }, () =>
      collectOutput(spawnTsx([__filename, '--client', url, operation, String(perProcess)], process.env)),
    ),
  );
  const results = outputs.map((output) => JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measurement);
  report(`${operation} (SDK, ${CLIENT_PROCESSES} client processes)`, results, CONCURRENCY);
}

/** Starts `sandbox/main.ts` in a child process on an ephemeral port and resolves its URL. */
function startSandboxProcess(dataDir: string, scenario: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnTsx([path.join(__dirname, '..', 'sandbox', 'main.ts')], {
    ...process.env,
    SANDBOX_PORT: '0',
    SANDBOX_DATA_DIR: dataDir,
    SANDBOX_SCENARIO: scenario,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox process exited with code ${code}: ${output}`)));
  });
}

/**
 * One pre-built AWS request over a keep-alive connection pool: the sandbox's throughput without the SDK's own
 * per-call cost (the sandbox reads the credential scope but does not check signatures).
 */
function createRawCaller(url: string, request: { body: string; headers: Record<string, string> }): { call: () => Promise<void>; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const headers = { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
  const call = () =>
    new Promise<void>((resolve, reject) => {
      const outgoing = http.request(`${url}/`, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
      });
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  return { call, close: () => agent.destroy() };
}

function signedScope(service: string): string {
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${date}/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`;
}

/** Mean server-side handling time of the logged calls of one operation. */
async function describeServerTime(url: string, operation: string): Promise<string> {
  const { calls } = (await (await fetch(`${url}/_sandbox/calls`)).json()) as { calls: Array<{ operation: string; latencyMs: number }> };
  const matching = calls.filter((call) => call.operation === operation);
  const mean = matching.reduce((total, call) => total + call.latencyMs, 0) / Math.max(1, matching.length);
  await fetch(`${url}/_sandbox/calls`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
  return `  server time per call ${mean.toFixed(3)} ms (mean of the last ${matching.length} logged)`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-bench-'));
  try {
    console.log(`Sandbox benchmark (node ${process.version}, state in ${dataDir})`);
    const server = await startSandboxProcess(path.join(dataDir, 'throughput'), 'demo');
    await measureSdkThroughput(server.url, 'GetRole');
    console.log(await describeServerTime(server.url, 'GetRole'));
    await measureSdkThroughput(server.url, 'DescribeMaintenanceWindows');
    console.log(await describeServerTime(server.url, 'DescribeMaintenanceWindows'));

    const rawGetRole = createRawCaller(server.url, {
      body: 'Action=GetRole&Version=2010-05-08&RoleName=AWSServiceRoleForAmazonSSM',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Authorization: signedScope('iam') },
    });
    report('GetRole (raw HTTP, no SDK)', [await measure(rawGetRole.call, CONCURRENCY)], CONCURRENCY);
    rawGetRole.close();
    const rawWindows = createRawCaller(server.url, {
      body: '{"MaxResults":10}',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AmazonSSM.DescribeMaintenanceWindows', Authorization: signedScope('ssm') },
    });
    report('DescribeMaintenanceWindows (raw HTTP, no SDK)', [await measure(rawWindows.call, CONCURRENCY)], CONCURRENCY);
    rawWindows.close();
    server.child.kill('SIGTERM');

    let sandbox = await startSandbox({ port: 0, dataDir, scenario: 'clean' });
    let startedAt = performance.now();
    const large = buildScenario('large', Date.now());
    const buildMs = performance.now() - startedAt;
    let tasks = 0;
    let windows = 0;
    for (const region of Object.values(Object.values(large.accounts)[0]?.regions ?? {})) {
      for (const window of Object.values(region.windows)) {
        windows += 1;
        tasks += Object.keys(window.tasks).length;
      }
    }
    console.log(`large scenario: ${windows} windows, ${tasks} tasks; built in memory in ${buildMs.toFixed(0)} ms`);

    startedAt = performance.now();
    const response = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'large' }) });
    if (!response.ok) throw new Error(`reset to large failed: ${response.status} ${await response.text()}`);
    console.log(`POST /_sandbox/reset {"scenario":"large"} (build + write state): ${(performance.now() - startedAt).toFixed(0)} ms`);
    const { size } = await stat(path.join(dataDir, STATE_FILE_NAME));
    console.log(`state file: ${(size / 1024 / 1024).toFixed(1)} MiB`);
    await sandbox.close();

    startedAt = performance.now();
    sandbox = await startSandbox({ port: 0, dataDir });
    console.log(`start from the large state file (read + parse + listen): ${(performance.now() - startedAt).toFixed(0)} ms`);
    await sandbox.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const clientIndex = process.argv.indexOf('--client');
const run =
  clientIndex >= 0
    ? runClientProcess(process.argv[clientIndex + 1] ?? '', process.argv[clientIndex + 2] ?? 'GetRole', Number(process.argv[clientIndex + 3] ?? 16))
    : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
