import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { getExpectedRegions, type ExpectedRegion } from '../test-support/sandbox-expectations';
import type { SandboxState } from '../sandbox/types';
import { parseCsv } from '../test-support/csv-parse';
import { AWS_TARGET_URL, expect, startScanFromRegionsPage, test, type SandboxAdmin } from './fixtures';

// The region audit: every region's figures checked against the sandbox's own state, live progress, filters,
// sorting, a region's detail page, and both exports.

const ACCOUNT_ID = '123456789012';
const COUNT_COLUMNS = ['windows', 'tasksOnRole', 'tasksOnCustomRoles', 'inventoryAssociations', 'dataSyncs', 'resourceGroups', 'taggedResources'] as const;

async function expectedRegions(sandbox: SandboxAdmin): Promise<Record<string, ExpectedRegion>> {
  return getExpectedRegions((await sandbox.state()) as SandboxState, ACCOUNT_ID);
}

/** The audit's own table: the page also holds the evidence of use per region, with rows of its own. */
function auditTable(page: Page) {
  return page.getByRole('table', { name: 'Systems Manager use of the role, region by region' });
}

function regionRow(page: Page, code: string) {
  return auditTable(page).getByRole('row', { name: new RegExp(`^${code} `) });
}

/** Opens /regions and runs a fresh scan through the page, waiting for it to finish. */
async function scanAllRegions(page: Page, sandbox: SandboxAdmin): Promise<void> {
  await startScanFromRegionsPage(page, sandbox);
  await expect(page.getByRole('progressbar', { name: 'Scan progress' })).toHaveCount(0, { timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Rescan' })).toBeEnabled();
}

test.describe('region audit', () => {
  test('on demo, shows live progress and every region with the figures the sandbox holds', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    // Slow calls so the progress can be watched filling in.
    await sandbox.setFaults([{ service: 'ssm', latencyMs: 400 }]);
    await startScanFromRegionsPage(page, sandbox);
    const progress = page.getByRole('progressbar', { name: 'Scan progress' });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuetext', /\d+ of \d+ regions scanned/);
    // Rows appear while the scan runs, some finished and some still scanning.
    await expect(page.getByRole('row', { name: /Scanning…/ }).first()).toBeVisible();
    await expect(progress).toHaveCount(0, { timeout: 45_000 });

    const expected = await expectedRegions(sandbox);
    const codes = Object.keys(expected);
    await expect(auditTable(page).getByRole('row')).toHaveCount(codes.length + 1);
    for (const code of codes) {
      const truth = expected[code]!;
      const row = regionRow(page, code);
      const cells = row.getByRole('cell');
      if (!truth.isEnabled) {
        await expect(cells.nth(1), code).toHaveText('Not enabled');
        continue;
      }
      await expect(cells.nth(1), code).toHaveText('Scanned');
      const shown = await cells.allInnerTexts();
      expect(shown.slice(2).map((text) => Number(text.trim())), code).toEqual(COUNT_COLUMNS.map((column) => truth.counts[column]));
    }

    const blockingTasks = Object.values(expected).reduce((sum, region) => sum + region.counts.tasksOnRole, 0);
    const blockingRegions = Object.values(expected).filter((region) => region.counts.tasksOnRole > 0).length;
    await expect(page.getByTestId('verdict-text')).toHaveText(
      `Deletion blocked: ${blockingTasks} maintenance-window tasks in ${blockingRegions} regions rely on the role.`,
    );
    // The role's last use, per IAM, is marked on its region.
    const state = (await sandbox.state()) as SandboxState;
    const lastUsed = state.accounts[ACCOUNT_ID]?.iam.roles.AWSServiceRoleForAmazonSSM?.roleLastUsed?.region;
    expect(lastUsed).toBeTruthy();
    await expect(regionRow(page, lastUsed!).getByText('Role last used here')).toBeVisible();
    await expect(page.getByText('Role last used here')).toHaveCount(1);
  });

  test('filters to blocking regions or to problems, and sorts by a column', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    // Frankfurt cannot be read: a problem, and never counted as clean.
    await sandbox.setFaults([{ service: 'ssm', region: 'eu-central-1', accessDenied: true }]);
    await scanAllRegions(page, sandbox);
    const expected = await expectedRegions(sandbox);
    const blocking = Object.entries(expected)
      .filter(([, region]) => region.counts.tasksOnRole > 0)
      .map(([code]) => code);
    expect(blocking).not.toContain('eu-central-1');

    await expect(regionRow(page, 'eu-central-1').getByRole('cell').nth(1)).toHaveText('Access deniedAccessDeniedException');
    await expect(page.getByTestId('verdict-text')).toContainText('1 more region could not be read');

    const onlyBlocking = page.getByRole('checkbox', { name: 'Only regions that block deletion' });
    await onlyBlocking.check();
    await expect(auditTable(page).getByRole('row')).toHaveCount(blocking.length + 1);
    for (const code of blocking) await expect(regionRow(page, code)).toBeVisible();
    await onlyBlocking.uncheck();

    await page.getByRole('checkbox', { name: 'Only problems' }).check();
    await expect(auditTable(page).getByRole('row')).toHaveCount(blocking.length + 2);
    await expect(regionRow(page, 'eu-central-1')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Only problems' }).uncheck();

    const header = auditTable(page).getByRole('columnheader', { name: 'Tasks on the role' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const most = Math.max(...Object.values(expected).map((region) => region.counts.tasksOnRole));
    const firstRow = auditTable(page).getByRole('row').nth(1);
    await expect(firstRow.getByRole('cell').nth(3)).toHaveText(String(most));
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(auditTable(page).getByRole('columnheader', { name: 'Region' })).toHaveAttribute('aria-sort', 'none');
  });

  test('a region page lists its windows and tasks with their roles, console links and CLI commands', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await scanAllRegions(page, sandbox);
    await regionRow(page, 'us-east-1').getByRole('link', { name: 'us-east-1' }).click();
    await expect(page).toHaveURL(/\/regions\/us-east-1$/);
    await expect(page.getByRole('heading', { level: 1, name: 'US East (N. Virginia) (us-east-1)' })).toBeVisible();

    const state = (await sandbox.state()) as SandboxState;
    const windows = Object.values(state.accounts[ACCOUNT_ID]!.regions['us-east-1']!.windows);
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      const section = page.getByRole('region', { name: `Maintenance window ${window.Name}` });
      await expect(section.getByText(window.WindowId, { exact: true })).toBeVisible();
      await expect(section.getByRole('link', { name: `Open window ${window.Name} in the AWS console (opens in a new tab)` })).toHaveAttribute(
        'href',
        `https://us-east-1.console.aws.amazon.com/systems-manager/maintenance-windows/${window.WindowId}?region=us-east-1`,
      );
      const tasks = Object.values(window.tasks);
      await expect(section.getByRole('list', { name: `Tasks of ${window.Name}` }).getByRole('listitem')).toHaveCount(tasks.length);
      for (const task of tasks) {
        const item = section.getByRole('listitem').filter({ hasText: task.WindowTaskId });
        await expect(item).toContainText(task.ServiceRoleArn ? 'Custom role' : 'Relies on the role (no task role)');
        await expect(item.getByText(`aws ssm get-maintenance-window-task --window-id ${window.WindowId} --window-task-id ${task.WindowTaskId} --region us-east-1`)).toBeVisible();
      }
    }
    // The notification-role decoy: a custom task role, whatever its Run Command parameters name.
    await expect(page.getByRole('listitem').filter({ hasText: 'install-windows-updates' })).toContainText('Custom role');
    await expect(page.locator('#region-graph')).toHaveCount(1);

    await page.goto('/regions/xx-nowhere-1');
    await expect(page.getByText('Unknown region')).toBeVisible();
  });

  test('exports the audit as JSON and CSV downloads that parse', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await scanAllRegions(page, sandbox);
    const expected = await expectedRegions(sandbox);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSON' }).click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^ssm-role-audit-123456789012-.+\.json$/);
    const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as {
      audit: { target: { accountId: string; target: string }; finishedAt: string; regions: Array<{ region: { code: string }; status: { kind: string } }> };
    };
    expect(json.audit.target).toMatchObject({ accountId: ACCOUNT_ID, target: 'sandbox' });
    expect(json.audit.regions.map((region) => region.region.code).sort()).toEqual(Object.keys(expected).sort());

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const [header = [], ...records] = parseCsv(await readFile((await csvDownload.path())!, 'utf8'));
    expect(header.slice(0, 4)).toEqual(['scannedAt', 'target', 'accountId', 'region']);
    expect(records).toHaveLength(Object.keys(expected).length);
    const rows = records.map((record) => Object.fromEntries(record.map((value, index) => [header[index], value])));
    for (const row of rows) {
      const truth = expected[row.region!]!;
      expect(row.accountId).toBe(ACCOUNT_ID);
      expect(row.scannedAt).toBe(json.audit.finishedAt);
      if (truth.isEnabled) expect(Number(row.tasksOnRole), row.region).toBe(truth.counts.tasksOnRole);
      else expect(row.scanStatus).toBe('Not enabled');
    }
  });

  test('the region list and a region page have no serious accessibility violations', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await scanAllRegions(page, sandbox);
    for (const pathname of ['/regions', '/regions/eu-west-1']) {
      await page.goto(pathname);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).include('main').analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${pathname}: ${violation.id} (${violation.nodes.length})`)).toEqual([]);
    }
  });

  test('on a target whose credentials AWS rejects, the scan fails with the reason and claims nothing', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await page.goto(`${AWS_TARGET_URL}/regions`);
    await expect(page.getByRole('heading', { level: 1, name: 'Region audit' })).toBeVisible();
    const rescan = page.getByRole('button', { name: /^(Rescan|Scan all regions)$/ });
    await expect(rescan).toBeEnabled({ timeout: 30_000 });
    // The page starts a scan by itself when there is none; a second start is just as refused.
    await rescan.click();
    const failure = page.getByRole('alert').filter({ hasText: 'The scan failed' });
    await expect(failure).toContainText('InvalidClientTokenId');
    await expect(page.getByTestId('verdict-text')).toHaveCount(0);
    await expect(page.getByText(/Safe to delete/)).toHaveCount(0);
  });
});
