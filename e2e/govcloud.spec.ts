import type { Page } from '@playwright/test';
import type { SandboxState } from '../sandbox/types';
import { expect, GOVCLOUD_DASHBOARD_URL, SANDBOX_URL, test, type SandboxAdmin } from './fixtures';

// AWS GovCloud (US) end to end: the dashboard on the AWS target with home region us-gov-west-1, against the
// sandbox's `govcloud` account (partition aws-us-gov). The overview names the role by its aws-us-gov ARN, the
// audit reads exactly the partition's regions (never a commercial one), console links go to the GovCloud
// console, and the wizard cleans up the blocker and deletes the role there. Expectations come from the
// sandbox's raw state.

const ACCOUNT_ID = '123456789012';
const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const CUSTOM_ROLE = 'AtlasMaintenanceWindowRole';

interface GovCloudFacts {
  partition: string;
  regions: string[];
  roleArn: string;
  blockers: Array<{ region: string; name: string }>;
}

async function readFacts(sandbox: SandboxAdmin): Promise<GovCloudFacts> {
  const state = (await sandbox.state()) as SandboxState;
  const account = state.accounts[ACCOUNT_ID];
  if (!account) throw new Error('the sandbox has no account');
  const role = account.iam.roles[ROLE_NAME];
  if (!role) throw new Error('the govcloud scenario should hold the role');
  const blockers = Object.values(account.regions).flatMap((region) =>
    Object.values(region.windows).flatMap((window) =>
      Object.values(window.tasks)
        .filter((task) => !task.ServiceRoleArn || task.ServiceRoleArn === role.arn)
        .map((task) => ({ region: region.code, name: task.Name ?? task.WindowTaskId })),
    ),
  );
  return { partition: account.partition, regions: Object.keys(account.regions).sort(), roleArn: role.arn, blockers };
}

async function runAudit(page: Page): Promise<void> {
  const response = await page.request.post(`${GOVCLOUD_DASHBOARD_URL}/api/audit/stream?view=overview`, { timeout: 120_000 });
  expect(response.ok(), 'audit stream answered').toBe(true);
  const lines = (await response.text()).trim().split('\n');
  expect((JSON.parse(lines.at(-1) ?? '{}') as { type?: string }).type, 'the scan finished').toBe('finished');
}

test.describe('AWS GovCloud (US)', () => {
  test.setTimeout(180_000);

  test.beforeEach(async ({ sandbox }) => {
    await sandbox.reset('govcloud');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 800 });
  });

  test.afterAll(async () => {
    // Leave the shared sandbox on the commercial scenario, as the other specs find it.
    const response = await fetch(`${SANDBOX_URL}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'demo' }) });
    expect(response.ok).toBe(true);
  });

  test('the overview, the audit and the console links are GovCloud’s', async ({ page, sandbox }) => {
    const facts = await readFacts(sandbox);
    expect(facts.partition).toBe('aws-us-gov');
    expect(facts.regions).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(facts.roleArn).toBe(`arn:aws-us-gov:iam::${ACCOUNT_ID}:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`);

    await page.goto(`${GOVCLOUD_DASHBOARD_URL}/`);
    await expect(page.getByText(facts.roleArn, { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(`arn:aws-us-gov:iam::${ACCOUNT_ID}:user/sandbox-admin`).first()).toBeVisible();
    await expect(page.getByText(/arn:aws:iam::/)).toHaveCount(0);

    await sandbox.clearCalls();
    await runAudit(page);
    const calls = await sandbox.calls();
    const scanned = [...new Set(calls.filter((call) => call.operation === 'DescribeMaintenanceWindows').map((call) => call.region))].sort();
    expect(scanned).toEqual(facts.regions);
    // Every call, IAM and STS included, was signed for a GovCloud region, and none was refused.
    expect(calls.filter((call) => !call.region.startsWith('us-gov-')).map((call) => `${call.service}:${call.operation}@${call.region}`)).toEqual([]);
    expect(calls.filter((call) => call.status >= 400).map((call) => `${call.service}:${call.operation} ${call.status}`)).toEqual([]);

    await page.goto(`${GOVCLOUD_DASHBOARD_URL}/regions`);
    const table = page.getByRole('table').first();
    await expect(table).toBeVisible();
    for (const region of facts.regions) await expect(table.getByText(region, { exact: true }).first()).toBeVisible();
    await expect(table.getByText('us-east-1', { exact: true })).toHaveCount(0);

    await page.goto(`${GOVCLOUD_DASHBOARD_URL}/regions/us-gov-east-1`);
    const consoleLinks = await page.locator('a[href^="https://"]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    const findingLinks = consoleLinks.filter((href) => href.includes('console.'));
    expect(findingLinks.length).toBeGreaterThan(0);
    for (const href of findingLinks) expect(new URL(href).host).toBe('us-gov-east-1.console.amazonaws-us-gov.com');
  });

  test('the wizard moves the blocker to a custom role and deletes the role in GovCloud', async ({ page, sandbox }) => {
    const facts = await readFacts(sandbox);
    expect(facts.blockers).toHaveLength(1);
    const [blocker] = facts.blockers;

    await page.goto(`${GOVCLOUD_DASHBOARD_URL}/delete?step=preflight`);
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(`Every action the wizard needs is allowed for arn:aws-us-gov:iam::${ACCOUNT_ID}:user/sandbox-admin`, { exact: false })).toBeVisible();
    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Blockers');

    // The commands to create a custom role name the GovCloud managed policy.
    await page.getByRole('button', { name: 'Create role…' }).click();
    await expect(page.getByText('--policy-arn arn:aws-us-gov:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole').first()).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();

    const label = `${blocker!.name} in ${blocker!.region}`;
    await page.getByLabel('Custom role', { exact: true }).selectOption({ label: CUSTOM_ROLE });
    await page.getByRole('button', { name: `Move to role: ${label}` }).click();
    await expect(page.getByText(new RegExp(`--service-role-arn arn:aws-us-gov:iam::${ACCOUNT_ID}:role/\\S*${CUSTOM_ROLE}`)).first()).toBeVisible();
    await page.getByRole('button', { name: 'Confirm move' }).click();
    await expect(page.getByRole('listitem').filter({ has: page.getByLabel(`Select task ${label}`) })).toContainText('Moved');

    await page.getByRole('link', { name: 'Continue to data impact' }).click();
    const acknowledge = page.getByLabel(/I understand that the inventory/);
    await expect(page.getByRole('button', { name: 'Continue to confirmation' })).toBeVisible();
    if (await acknowledge.isVisible()) await acknowledge.check();
    await page.getByRole('button', { name: 'Continue to confirmation' }).click();
    await expect(page.getByRole('heading', { name: 'Confirm the deletion' })).toBeVisible();
    await page.getByLabel('Type the role name to confirm').fill(ROLE_NAME);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 30_000 });

    const state = (await sandbox.state()) as SandboxState;
    const account = state.accounts[ACCOUNT_ID]!;
    expect(Object.keys(account.iam.roles)).not.toContain(ROLE_NAME);
    const moved = Object.values(account.regions[blocker!.region]!.windows).flatMap((window) => Object.values(window.tasks));
    expect(moved.map((task) => task.ServiceRoleArn)).toEqual([`arn:aws-us-gov:iam::${ACCOUNT_ID}:role/${CUSTOM_ROLE}`]);
    const deletions = (await sandbox.calls()).filter((call) => call.operation === 'DeleteServiceLinkedRole');
    expect(deletions.map((call) => [call.region, call.status])).toEqual([['us-gov-west-1', 200]]);
  });
});
