import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startScanFromRegionsPage, test, type SandboxAdmin } from './fixtures';
import { extraPorts, sandboxJson, startServer, stopProcess } from './trust-support';

// Faults end to end: throttling, server errors, latency spikes, a region that is not enabled, access denied in
// one region, and the sandbox stopping in the middle of a scan. The dashboard stays up, every region shows its
// own status, and nothing claims the role is safe to delete while a region could not be read. The scenario is
// "clean", where a complete read would rightly say "safe": only the faults can stand in the way.

const STATUS_LABELS = ['Scanned', 'Not enabled', 'Access denied', 'Throttled', 'Timed out', 'Error'];

/** The audit's own table: the page also holds the evidence of use per region, with rows of its own. */
function auditTable(page: Page) {
  return page.getByRole('table', { name: 'Systems Manager use of the role, region by region' });
}

function regionRow(page: Page, code: string) {
  return auditTable(page).getByRole('row', { name: new RegExp(`^${code} `) });
}

async function scan(page: Page, sandbox: SandboxAdmin): Promise<void> {
  await startScanFromRegionsPage(page, sandbox);
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: /^(Rescan|Scan all regions)$/ })).toBeEnabled({ timeout: 30_000 });
}

/** The status label: the first line of the status cell (a second line names the error code or the warnings). */
function statusLabel(cellText: string): string {
  return cellText.trim().split('\n')[0]!.trim();
}

async function statusOf(page: Page, code: string): Promise<string> {
  return statusLabel(await regionRow(page, code).getByRole('cell').nth(1).innerText());
}

async function expectEveryRegionHasAStatus(page: Page): Promise<Record<string, string>> {
  const rows = auditTable(page).getByRole('row');
  const count = await rows.count();
  expect(count).toBeGreaterThan(10);
  const statuses: Record<string, string> = {};
  for (let index = 1; index < count; index += 1) {
    const cells = rows.nth(index).getByRole('cell');
    const code = (await rows.nth(index).getByRole('rowheader').or(cells.first()).first().innerText()).trim().split(/\s/)[0]!;
    const status = statusLabel(await cells.nth(1).innerText());
    expect(STATUS_LABELS, `${code}: ${status}`).toContain(status);
    statuses[code] = status;
  }
  return statuses;
}

async function expectNotSafe(page: Page, unreadRegions: string[]): Promise<void> {
  await expect(page.getByText(/Safe to delete/)).toHaveCount(0);
  await expect(page.getByText('Verdict: safe')).toHaveCount(0);
  const verdict = page.getByTestId('verdict-text');
  if (await verdict.count()) {
    await expect(verdict).not.toContainText('Safe to delete');
    for (const code of unreadRegions) await expect(page.getByText(/Could not be read:/)).toContainText(code);
  }
}

test.describe('faults', () => {
  test('on a clean account, a complete read says safe: the baseline the faults are measured against', async ({ page, sandbox }) => {
    test.setTimeout(180_000);
    await sandbox.reset('clean');
    await scan(page, sandbox);
    const statuses = await expectEveryRegionHasAStatus(page);
    expect(Object.values(statuses).every((status) => status === 'Scanned' || status === 'Not enabled')).toBe(true);
    expect(Object.values(statuses)).toContain('Not enabled');
    await expect(page.getByTestId('verdict-text')).toContainText('Safe to delete');
  });

  test('access denied, 500s, throttling and latency in different regions: each region shows its own status and nothing is called safe', async ({ page, sandbox, request }) => {
    test.setTimeout(240_000);
    await sandbox.reset('clean');
    await sandbox.setFaults([
      { service: 'ssm', region: 'eu-west-1', accessDenied: true },
      { service: 'ssm', region: 'ap-south-1', errorRate: 1 },
      { service: 'ssm', region: 'us-west-2', throttle: { ratePerSecond: 0, burst: 0 } },
      { service: 'ssm', region: 'us-east-2', latencyMs: 1_500, jitterMs: 500 },
    ]);
    await scan(page, sandbox);
    const statuses = await expectEveryRegionHasAStatus(page);
    expect(statuses['eu-west-1']).toBe('Access denied');
    expect(statuses['ap-south-1']).toBe('Error');
    // Throttled without end: the scanner's retries give up (Throttled) or its adaptive back-off outlasts the
    // region's deadline (Timed out). Either way the region is unread, never clean.
    expect(['Throttled', 'Timed out']).toContain(statuses['us-west-2']);
    // A slow region is read (late) or reported as timed out; never silently clean.
    expect(['Scanned', 'Timed out']).toContain(statuses['us-east-2']);
    // Regions without a fault were read.
    expect(statuses['us-east-1']).toBe('Scanned');
    expect(statuses['eu-central-1']).toBe('Scanned');
    await expectNotSafe(page, ['eu-west-1', 'ap-south-1', 'us-west-2']);
    // The row names the error code beside the status.
    await expect(regionRow(page, 'eu-west-1').getByRole('cell').nth(1)).toContainText('Access denied');
    await expect(regionRow(page, 'ap-south-1').getByRole('cell').nth(1)).toContainText('InternalServerError');

    // The region page names the problem too, and the app is still up.
    await page.goto('/regions/eu-west-1');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(/AccessDenied/).first()).toBeVisible();
    expect((await request.get('/api/health')).ok()).toBe(true);
  });

  test('a region that is not enabled is shown as such, not as read or as failed', async ({ page, sandbox }) => {
    test.setTimeout(180_000);
    await sandbox.reset('clean');
    const state = (await sandbox.state()) as { accounts: Record<string, { regions: Record<string, { optInStatus: string }> }> };
    const disabled = Object.entries(state.accounts['123456789012']!.regions).find(([, region]) => region.optInStatus === 'not-opted-in')?.[0];
    expect(disabled, 'the clean scenario has a region that is not enabled').toBeTruthy();
    await scan(page, sandbox);
    expect(await statusOf(page, disabled!)).toBe('Not enabled');
  });

  test('the sandbox stopping in the middle of a scan: the dashboard stays up and claims nothing', async ({ page }) => {
    test.setTimeout(300_000);
    const { port, sandboxPort } = extraPorts(5);
    const dataDir = '.data/trust-stopping/sandbox';
    rmSync('.data/trust-stopping', { recursive: true, force: true });
    const sandboxProcess = spawn('npm', ['run', 'sandbox'], {
      env: { ...process.env, SANDBOX_PORT: String(sandboxPort), SANDBOX_DATA_DIR: dataDir, SANDBOX_SCENARIO: 'clean' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sandboxExited = new Promise((resolve) => sandboxProcess.on('exit', resolve));
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    let dashboard: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      await expect.poll(async () => (await fetch(`${sandboxUrl}/_sandbox/health`).catch(() => null))?.ok ?? false, { timeout: 60_000 }).toBe(true);
      // Slow calls, so the scan is still running when the sandbox goes away.
      await sandboxJson(sandboxUrl, '/_sandbox/faults', { method: 'POST', body: JSON.stringify({ faults: [{ latencyMs: 800 }] }) });
      dashboard = await startServer({
        port,
        sandboxPort,
        name: 'stopping',
        env: { ATLAS_REQUEST_TIMEOUT_MS: '3000', ATLAS_MAX_ATTEMPTS: '2', ATLAS_AUDIT_REGION_DEADLINE_MS: '20000' },
      });

      await page.goto(`${dashboard.url}/regions`);
      const rescan = page.getByRole('button', { name: /^(Rescan|Scan all regions)$/ });
      const progress = page.getByRole('progressbar', { name: 'Scan progress' });
      if (!(await progress.isVisible())) {
        await expect(rescan).toBeEnabled({ timeout: 60_000 });
        await rescan.click();
      }
      await expect(progress).toBeVisible();
      await expect(page.getByRole('row', { name: /Scanning…/ }).first()).toBeVisible();

      await stopProcess(sandboxProcess, sandboxExited);
      await expect(fetch(`${sandboxUrl}/_sandbox/health`)).rejects.toThrow();

      // The scan ends (done or failed) without the sandbox, and the dashboard keeps answering.
      await expect(progress).toHaveCount(0, { timeout: 180_000 });
      expect((await fetch(`${dashboard.url}/api/health`)).ok).toBe(true);
      await expect(page.getByText(/Safe to delete/)).toHaveCount(0);
      await expect(page.getByText('Verdict: safe')).toHaveCount(0);
      const failedScan = page.getByRole('alert').filter({ hasText: /scan failed/i });
      if ((await failedScan.count()) === 0) {
        // A finished scan: the regions that were cut off show a failure status, never "Scanned" for all.
        const statuses = await expectEveryRegionHasAStatus(page);
        expect(Object.values(statuses).some((status) => status === 'Error' || status === 'Timed out')).toBe(true);
      }

      // Every page still renders (with the problem named) while the target is gone.
      for (const pathname of ['/', '/role', '/regions']) {
        const response = await page.goto(`${dashboard.url}${pathname}`);
        expect(response?.status(), pathname).toBeLessThan(500);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expect(page.getByText(/Safe to delete/)).toHaveCount(0);
      }
    } finally {
      await dashboard?.stop();
      await stopProcess(sandboxProcess, sandboxExited);
    }
  });
});
