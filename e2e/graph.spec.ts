import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { SandboxState } from '../sandbox/types';
import { expect, runAuditThroughApi, test, type SandboxAdmin } from './fixtures';

// The dependency graph, checked against the sandbox's own state: blockers drawn as blockers, the legend's styles
// equal to the nodes', the region filter, a task's details and links, keyboard use, and grouping on a large account.

const ACCOUNT_ID = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;

interface ExpectedTask {
  region: string;
  windowId: string;
  windowTaskId: string;
  label: string;
  arn: string;
  reliesOnRole: boolean;
}

/** Every task of every enabled region, and whether it runs as the service-linked role, from the sandbox's state. */
async function readTasks(sandbox: SandboxAdmin): Promise<ExpectedTask[]> {
  const state = (await sandbox.state()) as SandboxState;
  const account = state.accounts[ACCOUNT_ID];
  if (!account) throw new Error('the sandbox has no account');
  const tasks: ExpectedTask[] = [];
  for (const region of Object.values(account.regions)) {
    if (region.optInStatus === 'not-opted-in') continue;
    for (const window of Object.values(region.windows)) {
      for (const task of Object.values(window.tasks)) {
        tasks.push({
          region: region.code,
          windowId: window.WindowId,
          windowTaskId: task.WindowTaskId,
          label: task.Name ?? task.WindowTaskId,
          arn: `arn:aws:ssm:${region.code}:${ACCOUNT_ID}:windowtask/${window.WindowId}/${task.WindowTaskId}`,
          reliesOnRole: !task.ServiceRoleArn || task.ServiceRoleArn === ROLE_ARN,
        });
      }
    }
  }
  return tasks;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A node's accessible name is its visible text in reading order (kind, impact badge, name, detail), then its region.
function taskNodes(page: Page, impact: 'Blocks deletion' | 'Unaffected'): Locator {
  return page.getByRole('button', { name: new RegExp(`^Window task ${impact} `) });
}

function regionNamePattern(region: string): RegExp {
  return new RegExp(`^Region (Blocks deletion|Loses data|Unaffected|Unknown)( · region unknown)? ${region}( |$)`);
}

function taskNode(page: Page, task: ExpectedTask): Locator {
  return page.getByRole('button', { name: new RegExp(`^Window task (Blocks deletion|Unaffected) ${escapeRegExp(task.label)} .*, in ${task.region}$`) });
}

async function openGraph(page: Page): Promise<void> {
  await page.goto('/graph');
  await expect(page.getByRole('heading', { level: 1, name: 'Dependency graph' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Service-linked role .*AWSServiceRoleForAmazonSSM/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/Laying out/)).toHaveCount(0, { timeout: 20_000 });
}

async function boxStyle(locator: Locator): Promise<{ border: string; background: string; borderStyle: string }> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { border: style.borderTopColor, background: style.backgroundColor, borderStyle: style.borderTopStyle };
  });
}

test.describe('dependency graph', () => {
  test('on demo, draws every task relying on the role as a blocker and counts them', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const tasks = await readTasks(sandbox);
    const relying = tasks.filter((task) => task.reliesOnRole);
    const custom = tasks.filter((task) => !task.reliesOnRole);
    expect(relying.length).toBeGreaterThan(0);
    await runAuditThroughApi(page);
    await openGraph(page);

    await expect(page.locator('[data-count="Blockers"]')).toHaveText(String(relying.length));
    await expect(page.locator('[data-count="Unaffected"]')).toHaveText(String(custom.length));
    await expect(taskNodes(page, 'Blocks deletion')).toHaveCount(relying.length);
    await expect(taskNodes(page, 'Unaffected')).toHaveCount(custom.length);
    for (const task of relying) {
      const node = taskNode(page, task).first();
      await expect(node).toHaveAccessibleName(/^Window task Blocks deletion /);
      await expect(node.locator('[data-impact]')).toHaveAttribute('data-impact', 'blocker');
    }
    // Blockers only leaves the blocking tasks and drops the others.
    await page.getByRole('checkbox', { name: 'Blockers only' }).check();
    await expect(taskNodes(page, 'Blocks deletion')).toHaveCount(relying.length);
    await expect(taskNodes(page, 'Unaffected')).toHaveCount(0);
  });

  test('on demo, the legend shows the very styles the nodes use, unknown regions included', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    // One region that cannot be read: it must be drawn as unknown, never as clean.
    await sandbox.setFaults([{ service: 'ssm', region: 'ap-northeast-3', accessDenied: true }]);
    await runAuditThroughApi(page);
    await sandbox.clearFaults();
    await openGraph(page);
    const legend = page.getByRole('region', { name: 'Legend' });
    await expect(legend.getByRole('listitem')).toContainText(['Blocks deletion', 'Loses data', 'Unaffected', 'Unknown', 'Context', 'Dashed']);
    await expect(page.locator('[data-count="Unknown regions"]')).toHaveText('1');
    const samples: Array<{ impact: string; node: Locator }> = [
      { impact: 'blocker', node: taskNodes(page, 'Blocks deletion').first() },
      { impact: 'unaffected', node: taskNodes(page, 'Unaffected').first() },
      { impact: 'data-loss', node: page.getByRole('button', { name: /^Inventory association Loses data / }).first() },
      { impact: 'unknown', node: page.getByRole('button', { name: /^Region Unknown ap-northeast-3 / }) },
    ];
    for (const { impact, node } of samples) {
      const nodeBox = node.locator('[data-impact]');
      await expect(nodeBox).toHaveAttribute('data-impact', impact);
      const swatch = legend.locator(`[data-legend-swatch="${impact}"]`);
      expect(await boxStyle(nodeBox), `${impact} node and legend swatch`).toEqual(await boxStyle(swatch));
    }
  });

  test('on demo, filtering to one region shows only that region', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const tasks = await readTasks(sandbox);
    await runAuditThroughApi(page);
    await openGraph(page);
    const regionNodes = page.getByRole('button', { name: /^Region / });
    expect(await regionNodes.count()).toBeGreaterThan(1);
    const region = [...new Set(tasks.filter((task) => task.reliesOnRole).map((task) => task.region))].sort()[0]!;

    await page.getByRole('combobox', { name: 'Region' }).selectOption(region);
    await expect(regionNodes).toHaveCount(1);
    await expect(regionNodes).toHaveAccessibleName(regionNamePattern(region));
    const inRegion = tasks.filter((task) => task.region === region);
    await expect(page.getByRole('button', { name: /^Window task / })).toHaveCount(inRegion.length);
    for (const name of await page.getByRole('button', { name: /^(Window task|Maintenance window|Inventory|Explorer)/ }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''))) {
      expect(name).toContain(`, in ${region}`);
    }
    await expect(page.locator('[data-count="Blockers"]')).toHaveText(String(inRegion.filter((task) => task.reliesOnRole).length));
  });

  test('on demo, clicking a task opens its details with working links', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const task = (await readTasks(sandbox)).find((candidate) => candidate.reliesOnRole)!;
    await runAuditThroughApi(page);
    await openGraph(page);
    await taskNode(page, task).first().click();

    const panel = page.getByRole('complementary', { name: task.label });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Blocks deletion');
    await expect(panel).toContainText(task.arn);
    const wizard = panel.getByRole('link', { name: /Resolve in the delete wizard/ });
    const wizardUrl = new URL((await wizard.getAttribute('href'))!, 'http://localhost');
    expect(wizardUrl.pathname).toBe('/delete');
    expect(wizardUrl.searchParams.get('step')).toBe('blockers');
    expect(wizardUrl.searchParams.get('task')).toBe(task.arn);
    const console = panel.getByRole('link', { name: /AWS console/ });
    await expect(console).toHaveAttribute('href', new RegExp(`^https://${task.region}\\.console\\.aws\\.amazon\\.com/systems-manager/maintenance-windows/${task.windowId}`));
    await expect(console).toHaveAttribute('target', '_blank');

    await panel.getByRole('link', { name: `Open the ${task.region} region page` }).click();
    await expect(page).toHaveURL(new RegExp(`/regions/${task.region}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(task.region);
  });

  test('on demo, Enter on a focused node opens its details and the arrow keys move between nodes', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await runAuditThroughApi(page);
    await openGraph(page);
    const role = page.getByRole('button', { name: /^Service-linked role / });
    await role.focus();
    await page.keyboard.press('ArrowRight');
    const capability = page.getByRole('button', { name: /^Capability .* Inventory / });
    await expect(capability).toBeFocused();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('complementary').getByRole('heading', { level: 2 });
    await expect(heading).toHaveText('Inventory');
    await expect(heading).toBeFocused();
  });

  test('on demo, the region page shows the graph of that region alone', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const tasks = await readTasks(sandbox);
    const region = [...new Set(tasks.filter((task) => task.reliesOnRole).map((task) => task.region))].sort()[0]!;
    const inRegion = tasks.filter((task) => task.region === region);
    await runAuditThroughApi(page);
    await page.goto(`/regions/${region}`);
    const section = page.getByRole('region', { name: 'Region graph' });
    // The canvas loads once it nears the screen.
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('button', { name: /^Region / })).toHaveAccessibleName(regionNamePattern(region), { timeout: 20_000 });
    await expect(section.getByRole('button', { name: /^Window task / })).toHaveCount(inRegion.length);
    await expect(section.locator('[data-count="Blockers"]')).toHaveText(String(inRegion.filter((task) => task.reliesOnRole).length));
  });

  test('on demo, the graph page and a region page with its graph have no serious accessibility violations', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await runAuditThroughApi(page);
    for (const pathname of ['/graph', '/regions/eu-west-1']) {
      await page.goto(pathname);
      // A region page's canvas loads once it nears the screen.
      if (pathname !== '/graph') await page.getByRole('region', { name: 'Region graph' }).scrollIntoViewIfNeeded();
      await expect(page.getByRole('button', { name: /^Region / }).first()).toBeVisible({ timeout: 20_000 });
      const results = await new AxeBuilder({ page }).include('main').analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${pathname}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.html ?? ''}`)).toEqual([]);
    }
  });

  test('on large, the page renders grouped regions and a region group expands into its windows and tasks', async ({ page, sandbox }) => {
    test.setTimeout(300_000);
    await sandbox.reset('large');
    const tasks = await readTasks(sandbox);
    const region = [...new Set(tasks.map((task) => task.region))].sort()[0]!;
    const regionTasks = tasks.filter((task) => task.region === region);
    const windowCount = new Set(regionTasks.map((task) => task.windowId)).size;
    const relyingCount = regionTasks.filter((task) => task.reliesOnRole).length;
    expect(windowCount).toBeGreaterThan(25);
    await runAuditThroughApi(page);
    await openGraph(page);

    await expect(page.locator('[data-count="Blockers"]')).toHaveText(tasks.filter((task) => task.reliesOnRole).length.toLocaleString('en-US'));
    const groupLabel = `${windowCount.toLocaleString('en-US')} windows · ${regionTasks.length.toLocaleString('en-US')} tasks · ${relyingCount.toLocaleString('en-US')} on the role`;
    const group = page.getByRole('button', { name: new RegExp(`^Maintenance windows \\(grouped\\) Blocks deletion ${escapeRegExp(groupLabel)} .*, in ${region}, select to expand$`) });
    await expect(group).toHaveCount(1);
    const status = page.getByRole('status').filter({ hasText: /^Showing / });
    const before = Number((await status.textContent())!.match(/of ([\d,]+) nodes/)![1]!.replace(/,/g, ''));

    await group.click();
    await expect(page.getByRole('button', { name: `Collapse ${region}` })).toBeVisible({ timeout: 30_000 });
    await expect(group).toHaveCount(0);
    const after = before - 1 + windowCount + regionTasks.length;
    await expect(status).toContainText(`of ${after.toLocaleString('en-US')} nodes`, { timeout: 30_000 });
    await expect(page.getByText(/Laying out/)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('button', { name: new RegExp(`^Maintenance window .*, in ${region}$`) }).first()).toBeVisible();
    await expect(page.getByRole('complementary', { name: region })).toBeVisible();
  });
});
