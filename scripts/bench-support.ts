// What the benchmarks that drive lib/ against a sandbox share: the `react-server` re-run and a sandbox in a child
// process (so that its memory is not counted), with its admin API.

import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Library code starts with `import 'server-only'`, which throws outside a React Server Component bundle; under the
 * `react-server` export condition it resolves to an empty module. The benchmarks re-run themselves under it.
 */
export function needsServerCondition(): boolean {
  try {
    createRequire(__filename)('server-only');
    return false;
  } catch {
    return true;
  }
}

export function rerunWithServerCondition(scriptPath: string): Promise<number> {
  // --expose-gc lets the memory figures start from a collected heap and report what the run retains.
  const child = spawn(process.execPath, ['--conditions=react-server', '--expose-gc', ...process.execArgv, scriptPath, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

export async function startSandboxProcess(dataDir: string, scenario: string): Promise<{ url: string; port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, path.resolve('sandbox/main.ts')], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dataDir, SANDBOX_SCENARIO: scenario, SANDBOX_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (match?.[1] && match[2]) resolve({ url: match[1], port: Number(match[2]), child });
    });
    child.on('exit', (code) => reject(new Error(`The sandbox exited (${code}) before listening:\n${output}`)));
  });
}

export async function admin(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/_sandbox/${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_sandbox/${route}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Samples this process's resident memory every `intervalMs` until `stop()`, which answers the peak seen. */
export function samplePeakRss(intervalMs: number): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
