// Runs once when the server starts: on the sandbox target, the dashboard hosts its own sandbox account.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startHostedSandbox } = await import('./lib/sandbox-host');
  await startHostedSandbox();
}
