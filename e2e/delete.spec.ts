import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type SandboxAdmin } from './fixtures';

// The delete wizard on the sandbox: clean-up of blockers, a deletion that fails on a blocker left on purpose,
// the second round that succeeds, recreation, resumption after a reload, and refusal of bad input.

const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const ACCOUNT_ID = '123456789012';
const CUSTOM_ROLE = 'AtlasMaintenanceWindowRole';

interface SandboxStateShape {
  accounts: Record<
    string,
    {
      iam: { roles: Record<string, { description?: string; arn: string }> };
      regions: Record<string, { windows: Record<string, { Name: string; tasks: Record<string, { Name?: string; ServiceRoleArn?: string }> }> }>;
    }
  >;
}

async function readState(sandbox: SandboxAdmin) {
  const state = (await sandbox.state()) as SandboxStateShape;
  const account = state.accounts[ACCOUNT_ID];
  if (!account) throw new Error('the sandbox account is missing');
  return account;
}

function findTasks(account: Awaited<ReturnType<typeof readState>>, region: string, name: string) {
  return Object.values(account.regions[region]?.windows ?? {}).flatMap((window) => Object.values(window.tasks).filter((task) => task.Name === name));
}

async function countCalls(sandbox: SandboxAdmin, operation: string): Promise<number> {
  return (await sandbox.calls()).filter((call) => call.operation === operation).length;
}

function taskItem(page: Page, label: string) {
  return page.getByRole('listitem').filter({ has: page.getByLabel(`Select task ${label}`) });
}

/** From the preflight to the typed confirmation, with the data impact acknowledged when there is some. */
async function goToConfirmation(page: Page) {
  await page.getByRole('link', { name: 'Continue to data impact' }).click();
  await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Data impact');
  await expect(page.getByRole('button', { name: 'Continue to confirmation' })).toBeVisible();
  const acknowledge = page.getByLabel(/I understand that the inventory/);
  if (await acknowledge.isVisible()) await acknowledge.check();
  await page.getByRole('button', { name: 'Continue to confirmation' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm the deletion' })).toBeVisible();
}

async function typeNameAndDelete(page: Page, name: string) {
  const input = page.getByLabel('Type the role name to confirm');
  await input.fill('');
  await input.focus();
  await page.keyboard.type(name);
  // Submitted from the keyboard: the form works without a pointer.
  await page.keyboard.press('Enter');
}

test.describe('delete wizard', () => {
  test('cleans up blockers, fails on the one left, succeeds on the second round, then recreates the role', async ({ page, sandbox }) => {
    test.setTimeout(180_000);
    await sandbox.reset('demo');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 800 });

    await page.goto('/delete?step=preflight');
    await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Preflight');
    // The preflight runs a fresh audit of every region by itself.
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    // The sandbox caller is an administrator: the simulation allows every action the wizard needs.
    await expect(page.getByText('Every action the wizard needs is allowed for arn:aws:iam::123456789012:user/sandbox-admin', { exact: false })).toBeVisible();
    const simulated = page.getByRole('table', { name: 'Simulated permissions' });
    await expect(simulated.getByRole('row', { name: /iam:DeleteServiceLinkedRole\s*allowed/ })).toBeVisible();
    await expect(simulated.getByText('implicitDeny')).toHaveCount(0);
    await expect(page.getByText('aws iam get-role --role-name AWSServiceRoleForAmazonSSM').first()).toBeVisible();

    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Blockers');
    await page.getByLabel('Custom role', { exact: true }).selectOption({ label: CUSTOM_ROLE });

    // Move one task to the custom role, showing the exact CLI call first.
    await page.getByRole('button', { name: 'Move to role: install-patches in us-east-1' }).click();
    await expect(page.getByRole('heading', { name: `Move 1 task to ${CUSTOM_ROLE}?` })).toBeVisible();
    await expect(page.getByText(/aws ssm update-maintenance-window-task --region us-east-1 --window-id mw-[0-9a-f]{17} --window-task-id \S+ --service-role-arn arn:aws:iam::123456789012:role\/\S*AtlasMaintenanceWindowRole/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Confirm move' }).click();
    await expect(taskItem(page, 'install-patches in us-east-1')).toContainText('Moved');

    // Deregister another.
    await page.getByRole('button', { name: 'Deregister install-patches in eu-west-1' }).click();
    await page.getByRole('button', { name: 'Confirm deregistration' }).click();
    await expect(taskItem(page, 'install-patches in eu-west-1')).toContainText('Deregistered');

    // Move a selection of three; the task in Cape Town is left on purpose.
    for (const label of ['scan-after-install in eu-west-1', 'install-patches in us-west-2', 'run-backup-state-machine in ap-southeast-2']) {
      await page.getByLabel(`Select task ${label}`).check();
    }
    await page.getByRole('button', { name: 'Move selected (3)' }).click();
    await page.getByRole('button', { name: 'Confirm move' }).click();
    for (const label of ['scan-after-install in eu-west-1', 'install-patches in us-west-2', 'run-backup-state-machine in ap-southeast-2']) {
      await expect(taskItem(page, label)).toContainText('Moved');
    }

    // The sandbox agrees: moved tasks carry the custom role (and nothing else changed), the deregistered one is gone.
    let account = await readState(sandbox);
    const customRoleArn = `arn:aws:iam::${ACCOUNT_ID}:role/${CUSTOM_ROLE}`;
    expect(findTasks(account, 'us-east-1', 'install-patches').map((task) => task.ServiceRoleArn)).toEqual([expect.stringContaining(CUSTOM_ROLE)]);
    expect(findTasks(account, 'eu-west-1', 'install-patches')).toHaveLength(0);
    expect(findTasks(account, 'af-south-1', 'install-patches')[0]?.ServiceRoleArn).toBeUndefined();
    expect(customRoleArn).toContain(CUSTOM_ROLE);

    await goToConfirmation(page);

    // A wrong name is refused and nothing is sent to IAM.
    await sandbox.clearCalls();
    await typeNameAndDelete(page, 'AWSServiceRoleForAmazonSsm');
    await expect(page.getByRole('alert').filter({ hasText: 'does not match' })).toContainText(`does not match ${ROLE_NAME} exactly. Nothing was deleted.`);
    expect(await countCalls(sandbox, 'DeleteServiceLinkedRole')).toBe(0);
    expect(Object.keys((await readState(sandbox)).iam.roles)).toContain(ROLE_NAME);

    // The right name starts the deletion, which fails on the task left in Cape Town.
    await typeNameAndDelete(page, ROLE_NAME);
    await expect(page).toHaveURL(/step=delete/);
    await expect(page.getByRole('heading', { name: 'The deletion failed' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Reason from IAM' })).toContainText(/cannot be deleted: 1 maintenance window task in 1 region/);
    const usage = page.getByRole('region', { name: 'Usage in af-south-1' });
    await expect(usage.getByRole('link', { name: 'Africa (Cape Town) (af-south-1)' })).toHaveAttribute('href', '/regions/af-south-1');
    await expect(usage.getByText(/arn:aws:ssm:af-south-1:123456789012:windowtask\/mw-/)).toBeVisible();
    await expect(usage.getByRole('link', { name: 'graph' })).toHaveAttribute('href', '/graph');
    await expect(page.getByRole('list', { name: 'Deletion timeline' })).toContainText('FAILED');

    // Second round: a fresh audit shows only what is left.
    await page.getByRole('link', { name: 'Clean these up and try again' }).click();
    await expect(page.getByText('Tasks relying on the role (1 left of 1)')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Deregister install-patches in af-south-1' }).click();
    await page.getByRole('button', { name: 'Confirm deregistration' }).click();
    await expect(taskItem(page, 'install-patches in af-south-1')).toContainText('Deregistered');

    await goToConfirmation(page);
    await typeNameAndDelete(page, ROLE_NAME);
    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Earlier rounds')).toBeVisible();
    account = await readState(sandbox);
    expect(Object.keys(account.iam.roles)).not.toContain(ROLE_NAME);

    // After: the warning about recreation, and recreation itself.
    await page.getByRole('link', { name: 'Continue' }).click();
    await expect(page.getByText('The role is gone')).toBeVisible();
    await expect(page.getByText('Registering a maintenance-window task without its own service role creates the role again.')).toBeVisible();
    await page.getByLabel('Description (optional)').fill('Recreated after clean-up');
    await expect(page.getByText("aws iam create-service-linked-role --aws-service-name ssm.amazonaws.com --description 'Recreated after clean-up'").first()).toBeVisible();
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    // The page reloads its data: the step now shows the role as present again.
    await expect(page.getByText('The role was deleted and has been created again since.')).toBeVisible();
    account = await readState(sandbox);
    expect(account.iam.roles[ROLE_NAME]?.description).toBe('Recreated after clean-up');

    // Every step is in the activity log, newest first.
    const exported = await page.request.get('/activity/export?format=json');
    const { entries } = (await exported.json()) as { entries: Array<{ operation: string; result: string; subject: string }> };
    const count = (operation: string, result: string) => entries.filter((entry) => entry.operation === operation && entry.result === result).length;
    expect(count('UpdateMaintenanceWindowTask', 'succeeded')).toBeGreaterThanOrEqual(4);
    expect(count('DeregisterTaskFromMaintenanceWindow', 'succeeded')).toBeGreaterThanOrEqual(2);
    expect(count('DeleteServiceLinkedRole', 'refused')).toBeGreaterThanOrEqual(1);
    expect(count('DeleteServiceLinkedRole', 'succeeded')).toBeGreaterThanOrEqual(2);
    expect(count('GetServiceLinkedRoleDeletionStatus', 'failed')).toBeGreaterThanOrEqual(1);
    expect(count('GetServiceLinkedRoleDeletionStatus', 'succeeded')).toBeGreaterThanOrEqual(1);
    expect(entries[0]?.operation).toBe('CreateServiceLinkedRole');

    await page.goto('/activity');
    const table = page.getByRole('table', { name: 'Activity log, newest first' });
    await expect(table.getByRole('row').nth(1)).toContainText('CreateServiceLinkedRole');
    await expect(table).toContainText('DeregisterTaskFromMaintenanceWindow');
    await expect(table).toContainText('UpdateMaintenanceWindowTask');
    await expect(table).toContainText('refused');
  });

  test('a reload during polling resumes the same deletion task', async ({ page, sandbox }) => {
    test.setTimeout(120_000);
    await sandbox.reset('clean');
    await sandbox.setTimings({ startDelayMs: 3_000, decideDelayMs: 9_000 });

    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Nothing blocks the deletion')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await expect(page.getByText('No maintenance-window task relies on the role')).toBeVisible();
    await goToConfirmation(page);
    await sandbox.clearCalls();
    await typeNameAndDelete(page, ROLE_NAME);

    await expect(page.getByRole('heading', { name: 'Deleting the role' })).toBeVisible();
    const taskLine = page.getByText(/^Task id task\/aws-service-role\/ssm\.amazonaws\.com\/AWSServiceRoleForAmazonSSM\//);
    const taskIdBefore = await taskLine.textContent();
    await expect(page.getByRole('status').filter({ hasText: /Status (NOT_STARTED|IN_PROGRESS)/ })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Deleting the role' })).toBeVisible();
    expect(await taskLine.textContent()).toBe(taskIdBefore);
    await expect(page.getByRole('status').filter({ hasText: 'Status IN_PROGRESS' })).toBeVisible({ timeout: 15_000 });

    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 30_000 });
    expect(await taskLine.textContent()).toBe(taskIdBefore);
    // One deletion request only; the reload polled the stored task.
    expect(await countCalls(sandbox, 'DeleteServiceLinkedRole')).toBe(1);
    expect(await countCalls(sandbox, 'GetServiceLinkedRoleDeletionStatus')).toBeGreaterThanOrEqual(2);
    expect(Object.keys((await readState(sandbox)).iam.roles)).not.toContain(ROLE_NAME);
  });

  test('a clean-up refused because Systems Manager is busy counts down, then succeeds on retry', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    // Arrive as the graph links here: with the task picked.
    const [capeTownWindowId, capeTownWindow] = Object.entries((await readState(sandbox)).regions['af-south-1']?.windows ?? {})[0] ?? [];
    const taskArn = `arn:aws:ssm:af-south-1:${ACCOUNT_ID}:windowtask/${capeTownWindowId}/${Object.keys(capeTownWindow?.tasks ?? {})[0]}`;
    await page.goto(`/delete?step=blockers&rescan=1&task=${encodeURIComponent(taskArn)}`);
    await expect(page.getByText(/Tasks relying on the role \(\d+ left of \d+\)/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByLabel('Select task install-patches in af-south-1')).toBeChecked();
    await expect(page.getByRole('button', { name: 'Deregister selected (1)' })).toBeEnabled();
    await sandbox.setFaults([{ service: 'ssm', operation: 'DeregisterTaskFromMaintenanceWindow', busy: true }]);

    await page.getByRole('button', { name: 'Deregister install-patches in af-south-1' }).click();
    await page.getByRole('button', { name: 'Confirm deregistration' }).click();
    const item = taskItem(page, 'install-patches in af-south-1');
    await expect(item).toContainText('Systems Manager may be using the role right now');
    await expect(item).toContainText(/Retrying automatically in \d+ s/);
    expect(findTasks(await readState(sandbox), 'af-south-1', 'install-patches')).toHaveLength(1);

    await sandbox.clearFaults();
    await item.getByRole('button', { name: 'Retry now: install-patches in af-south-1' }).click();
    await expect(item).toContainText('Deregistered');
    expect(findTasks(await readState(sandbox), 'af-south-1', 'install-patches')).toHaveLength(0);
  });

  test('an overlong description is refused with a clear message and changes nothing', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const before = (await readState(sandbox)).iam.roles[ROLE_NAME]?.description;
    await sandbox.clearCalls();

    await page.goto('/role');
    const field = page.getByLabel('Role description');
    // Filled again until the form has hydrated and counts the new text.
    await expect(async () => {
      await field.fill('x'.repeat(1001));
      await expect(page.getByText('1001 / 1000 characters')).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await page.getByRole('button', { name: 'Save description', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'at most 1000 characters' })).toBeVisible();
    expect(await countCalls(sandbox, 'UpdateRole')).toBe(0);
    expect((await readState(sandbox)).iam.roles[ROLE_NAME]?.description).toBe(before);

    // A valid description is saved with UpdateRole.
    await field.fill('Systems Manager role, reviewed by the platform team');
    await page.getByRole('button', { name: 'Save description', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();
    expect((await readState(sandbox)).iam.roles[ROLE_NAME]?.description).toBe('Systems Manager role, reviewed by the platform team');
  });

  test('an overlong description is refused on create where the role is absent', async ({ page, sandbox }) => {
    await sandbox.reset('absent');
    await sandbox.clearCalls();
    await page.goto('/delete');
    await expect(async () => {
      await page.getByLabel('Description (optional)').fill('y'.repeat(1200));
      await expect(page.getByText('1200 / 1000 characters')).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'at most 1000 characters' })).toBeVisible();
    expect(await countCalls(sandbox, 'CreateServiceLinkedRole')).toBe(0);
    expect(Object.keys((await readState(sandbox)).iam.roles)).not.toContain(ROLE_NAME);
  });

  test('a region that cannot be read is named, blocks the claim of safety, and can be rescanned', async ({ page, sandbox }) => {
    await sandbox.reset('clean');
    await sandbox.setFaults([{ service: 'ssm', region: 'eu-north-1', accessDenied: true }]);
    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Safety cannot be claimed')).toBeVisible({ timeout: 60_000 });
    const unknown = page.getByRole('table', { name: 'Unknown regions' });
    await expect(unknown).toContainText('Europe (Stockholm)');
    await expect(unknown).toContainText('eu-north-1');
    await expect(page.getByText('Nothing blocks the deletion')).toHaveCount(0);

    await sandbox.clearFaults();
    await page.getByRole('button', { name: 'Rescan the unknown regions' }).click();
    await expect(page.getByText('Nothing blocks the deletion')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Unknown regions' })).toHaveCount(0);
  });

  test('the clean-up and the confirmation work from the keyboard alone', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 800 });
    await page.goto('/delete?step=blockers&rescan=1');
    await expect(page.getByText(/Tasks relying on the role \(\d+ left of \d+\)/)).toBeVisible({ timeout: 60_000 });

    // Select with Space, act with Enter; the confirmation takes the focus.
    await page.getByLabel('Select task install-patches in af-south-1').focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Select task install-patches in af-south-1')).toBeChecked();
    await page.getByRole('button', { name: 'Deregister selected (1)' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Deregister 1 task?' })).toBeFocused();
    await page.getByRole('button', { name: 'Confirm deregistration' }).focus();
    await page.keyboard.press('Enter');
    await expect(taskItem(page, 'install-patches in af-south-1')).toContainText('Deregistered');

    // The custom role is chosen with the arrow keys.
    const select = page.getByLabel('Custom role', { exact: true });
    await select.focus();
    await select.selectOption({ label: CUSTOM_ROLE });
    await expect(select).toBeFocused();
    await page.getByRole('button', { name: 'Move to role: install-patches in us-east-1' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Confirm move' }).focus();
    await page.keyboard.press('Space');
    await expect(taskItem(page, 'install-patches in us-east-1')).toContainText('Moved');

    await page.getByRole('link', { name: 'Continue to data impact' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]')).toContainText('Data impact');
    const acknowledge = page.getByLabel(/I understand that the inventory/);
    await acknowledge.focus();
    await page.keyboard.press('Space');
    await expect(acknowledge).toBeChecked();
    await page.getByRole('button', { name: 'Continue to confirmation' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Confirm the deletion' })).toBeVisible();
    await typeNameAndDelete(page, 'not the name');
    await expect(page.getByRole('alert').filter({ hasText: 'does not match' })).toBeVisible();
    await expect(page.getByLabel('Type the role name to confirm')).toHaveAttribute('aria-invalid', 'true');
  });

  test('every step of the wizard has no serious accessibility violation', async ({ page, sandbox }) => {
    test.setTimeout(120_000);
    await sandbox.reset('demo');
    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    for (const step of ['preflight', 'blockers', 'data', 'confirm', 'delete', 'after']) {
      if (step !== 'preflight') await page.goto(`/delete?step=${step}`);
      await expect(page.getByRole('navigation', { name: 'Deletion steps' })).toBeVisible();
      const results = await new AxeBuilder({ page }).include('main').analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${step}: ${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    await page.goto('/activity');
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).include('main').analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  });

  test('data impact can be removed on request, after a confirmation showing the CLI call', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await page.goto('/delete?step=blockers&rescan=1');
    await expect(page.getByText(/Tasks relying on the role \(\d+ left of \d+\)/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Continue to data impact' }).click();
    await page.getByRole('button', { name: 'Remove inventory association inventory-production in us-east-1' }).click();
    await expect(page.getByText(/aws ssm delete-association --region us-east-1 --association-id [0-9a-f-]{36}/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Confirm removal' }).click();
    const item = page.getByRole('listitem').filter({ hasText: 'inventory association inventory-production in us-east-1' });
    await expect(item).toContainText('Inventory association removed.');
    const state = (await sandbox.state()) as { accounts: Record<string, { regions: Record<string, { associations: Record<string, { AssociationName?: string }> }> }> };
    const names = Object.values(state.accounts[ACCOUNT_ID]?.regions['us-east-1']?.associations ?? {}).map((association) => association.AssociationName);
    expect(names).not.toContain('inventory-production');
    expect(names).toContain('update-ssm-agent-weekly');
  });

  test('an unreadable deletion record is reported with a way out, and discarding it is logged', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    // The dashboard's database of this test server (playwright.config.ts sets ATLAS_DATA_DIR per port).
    const database = new DatabaseSync(path.join('.data', `e2e-${process.env.E2E_PORT ?? 3100}`, 'atlas', 'atlas.sqlite'));
    try {
      database
        .prepare('INSERT OR REPLACE INTO deletions (target, account_id, record, updated_at) VALUES (?, ?, ?, ?)')
        .run('sandbox', ACCOUNT_ID, '{"version":1,"record":{"deletionTaskId":', new Date().toISOString());
    } finally {
      database.close();
    }
    await page.goto('/delete');
    const alert = page.getByRole('alert').filter({ hasText: 'The record of the last deletion cannot be read' });
    await expect(alert).toContainText('it is not valid JSON');
    // The wizard itself still works around it.
    await expect(page.getByRole('navigation', { name: 'Deletion steps' })).toBeVisible();
    await alert.getByRole('button', { name: 'Discard the unreadable record' }).click();
    await expect(page.getByText('The record of the last deletion cannot be read')).toHaveCount(0);
    await page.goto('/activity');
    await expect(page.getByRole('row').filter({ hasText: 'DiscardDeletionRecord' }).first()).toContainText('it is not valid JSON');
  });

  test("the user's resource groups and tags are listed by region, and deleted on request only, each kind after its own confirmation", async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    type GroupsState = {
      accounts: Record<string, { regions: Record<string, { resourceGroups: Record<string, { GroupArn: string; tags: Record<string, string> }>; taggedResources: Record<string, Record<string, string>> }> }>;
    };
    const regionsBefore = ((await sandbox.state()) as GroupsState).accounts[ACCOUNT_ID]?.regions ?? {};
    // The oracle: groups and tag keys straight from the sandbox's raw state.
    const region = 'eu-west-1';
    const groupNames = Object.keys(regionsBefore[region]?.resourceGroups ?? {});
    expect(groupNames.length).toBeGreaterThan(0);
    const carriers = (regions: typeof regionsBefore, key: string) =>
      [...Object.values(regions[region]?.taggedResources ?? {}), ...Object.values(regions[region]?.resourceGroups ?? {}).map((group) => group.tags)].filter((tags) => key in tags).length;
    const tagKey = 'Environment';
    const carrierCount = carriers(regionsBefore, tagKey);
    expect(carrierCount).toBeGreaterThan(0);

    await page.goto('/delete?step=blockers&rescan=1');
    await expect(page.getByText(/Tasks relying on the role \(\d+ left of \d+\)/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Continue to data impact' }).click();
    await expect(page.getByText('These are your data.')).toBeVisible();
    for (const name of groupNames) await expect(page.getByLabel(`Delete resource group ${name} in ${region}`)).not.toBeChecked();
    await expect(page.getByLabel(`Remove tag key ${tagKey} in ${region}`)).not.toBeChecked();
    await expect(page.getByRole('button', { name: 'Delete selected groups (0)' })).toBeDisabled();

    // One group, after a confirmation showing the CLI call.
    const [deleted, ...kept] = groupNames;
    await page.getByLabel(`Delete resource group ${deleted} in ${region}`).check();
    await page.getByRole('button', { name: 'Delete selected groups (1)' }).click();
    await expect(page.getByText(`aws resource-groups delete-group --region ${region} --group ${deleted}`)).toBeVisible();
    await page.getByRole('button', { name: 'Confirm group deletion' }).click();
    await expect(page.getByRole('listitem').filter({ has: page.getByLabel(`Delete resource group ${deleted} in ${region}`) })).toContainText('Resource group deleted');
    let regionsAfter = ((await sandbox.state()) as GroupsState).accounts[ACCOUNT_ID]?.regions ?? {};
    expect(Object.keys(regionsAfter[region]?.resourceGroups ?? {}).sort()).toEqual([...kept].sort());

    // One tag key, removed from every resource of the region that carried it.
    await page.getByLabel(`Remove tag key ${tagKey} in ${region}`).check();
    await page.getByRole('button', { name: 'Remove selected tag keys (1)' }).click();
    await expect(page.getByText(new RegExp(`untag-resources --region ${region} --tag-keys ${tagKey}`))).toBeVisible();
    await page.getByRole('button', { name: 'Confirm tag removal' }).click();
    const expectedCount = carriers(regionsAfter, tagKey);
    await expect(page.getByRole('listitem').filter({ has: page.getByLabel(`Remove tag key ${tagKey} in ${region}`) })).toContainText(`Removed ${tagKey} from ${expectedCount} resource(s).`);
    regionsAfter = ((await sandbox.state()) as GroupsState).accounts[ACCOUNT_ID]?.regions ?? {};
    expect(carriers(regionsAfter, tagKey)).toBe(0);
    // Other regions keep their tag.
    expect(Object.values(regionsAfter['us-east-1']?.taggedResources ?? {}).some((tags) => tagKey in tags)).toBe(true);

    await page.goto('/activity');
    await expect(page.getByRole('row').filter({ hasText: 'DeleteGroup' }).first()).toContainText(region);
    await expect(page.getByRole('row').filter({ hasText: 'UntagResources' }).first()).toContainText(`Removed ${tagKey}`);
  });

  test('removing an inventory association says it stops all inventory for its targets', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await page.goto('/delete?step=blockers&rescan=1');
    await expect(page.getByText(/Tasks relying on the role \(\d+ left of \d+\)/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Continue to data impact' }).click();
    await expect(page.getByRole('heading', { name: /^Inventory associations/ })).toBeVisible();
    const headings = await page.getByRole('heading').allTextContents();
    // Offered last: after the groups and tags and the data syncs.
    expect(headings.findIndex((text) => text.startsWith('Inventory associations'))).toBeGreaterThan(headings.findIndex((text) => text.startsWith('Resource data syncs')));
    expect(headings.findIndex((text) => text.startsWith('Resource data syncs'))).toBeGreaterThan(headings.findIndex((text) => text.startsWith('Your resource groups and tags')));
    await page.getByRole('button', { name: 'Remove inventory association inventory-production in us-east-1' }).click();
    await expect(page.getByText(/stops all inventory for its targets/)).toBeVisible();
  });
});
