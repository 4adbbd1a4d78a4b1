import 'server-only';
import { getSandboxEndpoint, getSettings } from '@/lib/config';

// Starts the embedded sandbox inside the dashboard's process when the target is the sandbox.

const globalKey = Symbol.for('ssm-role-atlas.sandbox');
type HostedSandbox = { url: string; close(): Promise<void> };
type GlobalWithSandbox = typeof globalThis & { [globalKey]?: Promise<HostedSandbox | null> };

async function isSandboxAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function startHostedSandbox(): Promise<HostedSandbox | null> {
  const holder = globalThis as GlobalWithSandbox;
  holder[globalKey] ??= (async () => {
    const settings = getSettings();
    if (settings.ATLAS_TARGET !== 'sandbox') return null;
    const url = getSandboxEndpoint(settings);
    // A sandbox started on its own (`npm run sandbox`) is used as it is.
    if (await isSandboxAnswering(url)) {
      console.log(`[atlas] using the sandbox already listening at ${url}`);
      return null;
    }
    const { startSandbox } = await import('@/sandbox/server');
    const sandbox = await startSandbox({
      host: '127.0.0.1',
      port: settings.SANDBOX_PORT,
      dataDir: settings.SANDBOX_DATA_DIR,
      scenario: settings.SANDBOX_SCENARIO,
    });
    console.log(`[atlas] sandbox account listening at ${sandbox.url} (state in ${settings.SANDBOX_DATA_DIR})`);
    return sandbox;
  })();
  return holder[globalKey];
}
