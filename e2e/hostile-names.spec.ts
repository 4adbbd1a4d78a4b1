import type { Page } from '@playwright/test';
import type { SandboxState } from '../sandbox/types';
import { parseCsv } from '../test-support/csv-parse';
import { expect, runAuditThroughApi, test, type SandboxAdmin } from './fixtures';

// A malicious maintenance-window name: windows and tasks named with markup and script, spreadsheet formulas,
// control characters and a very long name (the `hostile-names` scenario) show as inert text on the region page,
// the graph and the wizard; the JSON export keeps them exact, the CSV export carries no live formula, and no
// dialog, script or console error ever fires.

const ACCOUNT_ID = '123456789012';
const REGION = 'us-west-2';

interface HostileWindow {
  windowId: string;
  name: string;
  description: string | undefined;
  taskName: string;
}

/** The hostile windows as the sandbox holds them: the test's truth, read from the raw state. */
async function readHostileWindows(sandbox: SandboxAdmin): Promise<HostileWindow[]> {
  const state = (await sandbox.state()) as SandboxState;
  const region = state.accounts[ACCOUNT_ID]?.regions[REGION];
  if (!region) throw new Error(`the sandbox has no ${REGION}`);
  return Object.values(region.windows).map((window) => {
    const tasks = Object.values(window.tasks);
    if (tasks.length !== 1 || !tasks[0]!.Name) throw new Error(`window ${window.WindowId} should hold one named task`);
    return { windowId: window.WindowId, name: window.Name ?? '', description: window.Description, taskName: tasks[0]!.Name };
  });
}

/** Fails the test on any dialog, uncaught exception or console error; returns the errors seen so far. */
function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('dialog', (dialog) => {
    trouble.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`uncaught: ${error.message}`));
  return trouble;
}

/** Nothing of the names ran: no element they describe exists and the flag their scripts would set is unset. */
async function expectNothingRan(page: Page, trouble: string[], where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await page.locator('img[src="x"], img[onerror]').count(), `${where}: an <img> from a name`).toBe(0);
  // (Next's own inline scripts carry the page's data, names included, as escaped strings: those are fine.)
  expect(await page.locator('script').evaluateAll((scripts) => scripts.some((script) => (script.textContent ?? '').trim().startsWith('window.__atlasPwned'))), `${where}: a script element from a name`).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { __atlasPwned?: unknown }).__atlasPwned), `${where}: a name's script ran`).toBeUndefined();
  expect(trouble, where).toEqual([]);
}

function allTextOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
}

test.describe('a malicious maintenance-window name', () => {
  test.setTimeout(180_000);

  test('shows as inert text on the region page, the graph and the wizard, and the exports keep or defuse it', async ({ page, sandbox }) => {
    await sandbox.reset('hostile-names');
    const windows = await readHostileWindows(sandbox);
    // The scenario holds what this test is about: markup, a script end tag, formulas, control characters, length.
    const names = windows.map((window) => window.name);
    expect(names.some((name) => name.includes('<img src=x onerror='))).toBe(true);
    expect(names.some((name) => name.includes('</script>'))).toBe(true);
    expect(names.some((name) => name.startsWith('=HYPERLINK('))).toBe(true);
    expect(names.some((name) => name.startsWith('+cmd|'))).toBe(true);
    expect(names.some((name) => /[\u0007\u001b\u202e]/.test(name))).toBe(true);
    expect(Math.max(...names.map((name) => name.length))).toBeGreaterThan(2_000);
    await runAuditThroughApi(page);
    const trouble = watchForTrouble(page);

    // The region page: each window's heading, and its task, read exactly as the name is.
    await page.goto(`/regions/${REGION}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
    const headings = await allTextOf(page, 'h3');
    for (const window of windows) {
      expect(headings, `window ${window.windowId}`).toContain(window.name);
      await expect(page.getByText(window.windowId, { exact: true })).toBeVisible();
    }
    const pageText = (await page.locator('main').textContent()) ?? '';
    for (const window of windows) expect(pageText.includes(window.taskName), `task of ${window.windowId}`).toBe(true);
    await expectNothingRan(page, trouble, `/regions/${REGION}`);

    // The graph: every hostile task drawn as a blocker, its name in the node's text.
    await page.goto('/graph');
    await expect(page.getByRole('heading', { level: 1, name: 'Dependency graph' })).toBeVisible();
    await expect(page.getByText(/Laying out/)).toHaveCount(0, { timeout: 30_000 });
    const blockers = page.getByRole('button', { name: /^Window task Blocks deletion / });
    await expect(blockers).toHaveCount(windows.length);
    const nodeText = (await blockers.allTextContents()).join('\n');
    // A node may shorten a long name; the hostile part of each is at its start.
    for (const window of windows) expect(nodeText.includes(window.taskName.slice(0, 40)), `graph node of ${window.windowId}`).toBe(true);
    await expectNothingRan(page, trouble, '/graph');

    // The wizard: each task is offered as a blocker under its own name.
    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Blockers');
    const labels = await allTextOf(page, 'label');
    for (const window of windows) expect(labels, `wizard item of ${window.windowId}`).toContain(`Select task ${window.taskName} in ${REGION}`);
    await expectNothingRan(page, trouble, '/delete blockers');

    // The JSON export keeps every name exact.
    const json = await page.request.get('/api/audit/export?format=json');
    expect(json.ok()).toBe(true);
    const exported = (await json.json()) as {
      audit: { regions: Array<{ region: { code: string }; findings: { windows: Array<{ windowId: string; name: string; tasks: Array<{ name?: string }> }> } | null }> };
    };
    const exportedWindows = exported.audit.regions.find((region) => region.region.code === REGION)?.findings?.windows ?? [];
    expect(exportedWindows.map((window) => ({ windowId: window.windowId, name: window.name, taskName: window.tasks[0]?.name })).sort((a, b) => a.windowId.localeCompare(b.windowId))).toEqual(
      windows.map((window) => ({ windowId: window.windowId, name: window.name, taskName: window.taskName })).sort((a, b) => a.windowId.localeCompare(b.windowId)),
    );

    // The CSV export: no cell a spreadsheet would run as a formula, and no name in it unquoted.
    const csv = await page.request.get('/api/audit/export?format=csv');
    expect(csv.ok()).toBe(true);
    const text = await csv.text();
    const cells = parseCsv(text);
    expect(cells.length).toBeGreaterThan(1);
    for (const cell of cells.flat()) expect(cell, 'a CSV cell that would run as a formula').not.toMatch(/^[=+\-@\t\r]/);
    for (const window of windows) expect(text.includes(window.name), `the name of ${window.windowId} in the CSV`).toBe(false);
    expect(trouble).toEqual([]);
  });
});

