// `npm run bench:org`: the organization audit against the sandbox's `org-large` scenario (200 accounts, every
// enabled region), with 50 ms on every call. Prints, for 25, 50, 100 and 200 accounts: wall time, calls, peak in
// flight, calls per second, peak RSS of this process, and the ratio to the floor (the longest chain of dependent
// calls, or total calls × latency / allowed concurrency, whichever is larger). The sandbox runs in a child process
// so that its memory is not counted. Prints figures; asserts nothing.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, megabytes, needsServerCondition, rerunWithServerCondition, samplePeakRss, seconds, startSandboxProcess } from './bench-support';

const LATENCY_MS = 50;
const ACCOUNT_COUNTS = [25, 50, 100, 200];
const scriptPath = path.resolve(process.argv[1] ?? 'scripts/bench-org.ts');


async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-org-'));
  const sandbox = await startSandboxProcess(dataDir, 'org-large');
  try {
    process.env.ATLAS_TARGET = 'sandbox';
    process.env.SANDBOX_PORT = String(sandbox.port);
    process.env.ATLAS_ORG = '1';
    const { ORG_EXTERNAL_ID } = await import('@/sandbox/scenarios/org-facts');
    // Roles that do not ask for the external id ignore it.
    process.env.ATLAS_ORG_EXTERNAL_ID = ORG_EXTERNAL_ID;
    const { getSettings } = await import('@/lib/config');
    const { getHomeRegion, releaseMemberClients } = await import('@/lib/aws/clients');
    
    const { auditOrganization, DEFAULT_ORG_SCAN_LIMITS, OrgScanMetrics } = await import('@/lib/org/audit');
    const { connectToAccount, getOrganizationStructure, getOrgScanLimits } = await import('@/lib/org/run');
    const { toAccountRow } = await import('@/lib/org/summary');
    const settings = getSettings();
    const limits = { ...DEFAULT_ORG_SCAN_LIMITS, ...getOrgScanLimits(settings) };

    const structureStarted = performance.now();
    const structure = await getOrganizationStructure(settings);
    const structureMs = performance.now() - structureStarted;
    console.log(`Organization audit benchmark — org-large: ${structure.accounts.length} accounts, ${LATENCY_MS} ms latency on every call`);
    console.log(`  limits: ${limits.globalConcurrency} calls in flight over the organization, ${limits.accountConcurrency} per account, ${limits.regionConcurrency} per region of an account, ${limits.accountsInParallel} accounts at once`);
    console.log(`  organization listing (no latency): ${seconds(structureMs)}`);
    await admin(sandbox.url, 'POST', 'faults', { faults: [{ latencyMs: LATENCY_MS }] });

    console.log('');
    console.log('  accounts | wall time | calls  | peak in flight | calls/s | peak RSS | chain | floor   | wall/floor | verdicts');
    for (const count of ACCOUNT_COUNTS) {
      const accounts = structure.accounts.slice(0, count);
      await admin(sandbox.url, 'DELETE', 'calls');
      globalThis.gc?.();
      const memory = samplePeakRss(20);
      const metrics = new OrgScanMetrics();
      const started = performance.now();
      const audit = await auditOrganization({
        structure: { ...structure, accounts },
        target: 'sandbox',
        partition: 'aws',
        homeRegion: getHomeRegion(settings),
        connect: (account) => connectToAccount(account),
        disconnect: (account) => releaseMemberClients(account.id),
        limits,
        metrics,
      });
      const wallMs = performance.now() - started;
      const peakRss = memory.stop();
      // Sessions are cached: a later size would start with them; forget them so every size assumes its roles.
      const { clearMemberSessions } = await import('@/lib/aws/clients');
      clearMemberSessions();

      const chain = metrics.longestChain();
      const floorMs = Math.max(chain * LATENCY_MS, (metrics.calls * LATENCY_MS) / limits.globalConcurrency);
      const verdicts = new Map<string, number>();
      for (const result of audit.accounts) {
        const verdict = toAccountRow(result).verdict;
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      }
      console.log(
        `  ${String(count).padStart(8)} | ${seconds(wallMs).padStart(9)} | ${String(metrics.calls).padStart(6)} | ${String(metrics.peakInFlight).padStart(14)} | ${String(Math.round(metrics.calls / (wallMs / 1000))).padStart(7)} | ${megabytes(peakRss).padStart(8)} | ${String(chain).padStart(5)} | ${seconds(floorMs).padStart(7)} | ${(wallMs / floorMs).toFixed(2).padStart(10)} | ${[...verdicts].map(([verdict, n]) => `${n} ${verdict}`).join(', ')}`,
      );
    }
    console.log('');
    console.log('  Targets at 200 accounts: wall < 30 s, peak RSS < 512 MB, wall/floor ≤ 1.5.');
  } finally {
    sandbox.child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (needsServerCondition()) {
  rerunWithServerCondition(scriptPath).then((code) => process.exit(code));
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
