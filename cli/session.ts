import 'server-only';
import { startHostedSandbox } from '@/lib/sandbox-host';
import { toAwsError } from '@/lib/aws/errors';
import { SettingsError, getSettings } from '@/lib/config';

// What every command does before and after its work: settings checked, the sandbox reached (on the sandbox
// target) and stdout kept for the command's output alone.

/**
 * On the sandbox target the CLI talks to the sandbox that answers on SANDBOX_PORT (the dashboard's, or one
 * started with `npm run sandbox`), so it sees and changes what the dashboard shows. When none answers, it hosts
 * the sandbox itself for the length of the command, from the same SANDBOX_DATA_DIR state the dashboard uses.
 */
export async function openSession(): Promise<{ close(): Promise<void> }> {
  // lib/ logs with console.log; the CLI's stdout carries only its result (JSON, CSV), so logs go to stderr.
  console.log = console.error;
  console.info = console.error;
  getSettings();
  const sandbox = await startHostedSandbox();
  return {
    async close() {
      await sandbox?.close();
    },
  };
}

/** One line for an error that ends a command: settings and AWS errors by their code, never a stack trace. */
export function describeFailure(error: unknown): string {
  if (error instanceof SettingsError) return error.message;
  const info = toAwsError(error);
  return `${info.code}: ${info.message}`;
}

/** Writes to stdout and waits until it is flushed, so an exit right after loses nothing on a pipe. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}
