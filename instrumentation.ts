// Runs once when the server starts: on the sandbox target, the dashboard hosts its own sandbox account; with
// ATLAS_WATCH_EVERY it also starts its watch.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Refuses to serve beyond loopback without access control, before anything else starts.
  (await import('./lib/security/startup')).enforceStartupPolicy();
  const { startHostedSandbox } = await import('./lib/sandbox-host');
  await startHostedSandbox();
  // ATLAS_WATCH_EVERY: the dashboard watches its account (in organization mode, every account) itself, as
  // `ssm-role-atlas watch` would.
  const { getSettings } = await import('./lib/config');
  const settings = getSettings();
  if (settings.ATLAS_WATCH_EVERY) {
    const { startDashboardWatch } = await import('./lib/watch/schedule');
    startDashboardWatch(settings.ATLAS_WATCH_EVERY, settings.ATLAS_WEBHOOK_URL);
  }
}
