// The `large` half of `npm run bench:audit`: one scan of the `large` sandbox on the port given, in a fresh process,
// sampling that process's memory. bench-audit.ts bundles this file the way `next build` bundles the server (ESM
// builds of the SDK, tree-shaken) and runs it with plain Node, so that the figures are the scan's as the dashboard
// runs it, not the TypeScript loader's or those of SDK commands the dashboard never loads.

import { createAwsClients } from '@/lib/aws/clients';
import { parseSettings, SANDBOX_ACCOUNT_ID } from '@/lib/config';
import { scanAllRegions, ScanMetrics } from '@/lib/audit/scanner';
import { megabytes, samplePeakRss, seconds } from './bench-support';

async function largeScan(port: number): Promise<void> {
  const clients = createAwsClients(parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(port) }));
  const target = { target: 'sandbox' as const, accountId: SANDBOX_ACCOUNT_ID, callerArn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/bench`, partition: 'aws' };

  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const memory = samplePeakRss(10);
  const metrics = new ScanMetrics();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const audit = await scanAllRegions({ clients, homeRegion: 'us-east-1', target, role: { exists: true }, metrics });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRss = memory.stop();
  globalThis.gc?.();
  const retainedHeap = process.memoryUsage().heapUsed;

  const tasks = audit.regions.reduce((sum, region) => sum + (region.findings?.windows.reduce((count, window) => count + window.tasks.length, 0) ?? 0), 0);
  const windows = audit.regions.reduce((sum, region) => sum + (region.findings?.windows.length ?? 0), 0);
  const scanned = audit.regions.filter((region) => region.status.kind === 'ok').length;
  // One JSON line for bench-audit.ts to print.
  console.log(
    JSON.stringify({
      summary: `${scanned} regions scanned; ${windows} windows, ${tasks} tasks; verdict ${audit.verdict.kind}`,
      wall: seconds(wallMs),
      cpu: seconds((cpu.user + cpu.system) / 1000),
      calls: `${metrics.calls}, peak ${metrics.peakInFlight} in flight`,
      peakRss: megabytes(peakRss),
      baselineRss: megabytes(baselineRss),
      retainedHeap: megabytes(retainedHeap),
    }),
  );
}

largeScan(Number(process.argv[2])).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
