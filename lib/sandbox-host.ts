import 'server-only';
import { getSandboxEndpoint, getSettings } from '@/lib/config';
import { getProcessValue } from '@/lib/process-state';

// Starts the embedded sandbox inside the dashboard's process when the target is the sandbox.

type HostedSandbox = { url: string; close(): Promise<void> };

async function isSandboxAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function startHostedSandbox(): Promise<HostedSandbox | null> {
  return getProcessValue('hosted-sandbox', async (): Promise<HostedSandbox | null> => {
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
  });
}
