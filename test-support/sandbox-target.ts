import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@/sandbox/server';

// For tests of lib code on the configured target: a sandbox on a free port with a scenario, a temporary data
// directory, and the settings pointing at both. Settings are read once, on first use: call this before anything
// reads them (import the code under test dynamically, inside the tests).

export interface SandboxTarget {
  sandbox: RunningSandbox;
  dataDir: string;
  close(): Promise<void>;
}

export async function startSandboxTarget(scenario: string, prefix: string): Promise<SandboxTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir: path.join(dataDir, 'sandbox'), scenario });
  process.env.ATLAS_TARGET = 'sandbox';
  process.env.SANDBOX_PORT = String(sandbox.port);
  process.env.ATLAS_DATA_DIR = path.join(dataDir, 'atlas');
  return {
    sandbox,
    dataDir,
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
