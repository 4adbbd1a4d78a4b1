// Runs once when the server starts: on the sandbox target, the dashboard hosts its own sandbox account.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Refuses to serve beyond loopback without access control, before anything else starts.
  (await import('./lib/security/startup')).enforceStartupPolicy();
  const { startHostedSandbox } = await import('./lib/sandbox-host');
  await startHostedSandbox();
}
