import type { Locator, Page } from '@playwright/test';
import { AUDIT_POLICY_PATH, findUncoveredActions, getCalledActions, LIFECYCLE_POLICY_PATH, readPolicyDocument } from '../lib/security/least-privilege';
import { expect, runAuditThroughApi, test } from './fixtures';

// The dashboard asks AWS for no more than the documented policies grant: every call the sandbox records during a
// full audit is allowed by docs/iam/audit-policy.json, and every call of a whole delete wizard run (done with the
// keyboard alone) by the audit and lifecycle policies together.

const auditPolicy = readPolicyDocument(AUDIT_POLICY_PATH);
const lifecyclePolicy = readPolicyDocument(LIFECYCLE_POLICY_PATH);
const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const NEW_ROLE = 'AtlasKeyboardMaintenanceWindowRole';

/** Moves the focus with Tab (no pointer) until the target has it; fails if Tab never reaches it. */
async function tabTo(page: Page, target: Locator, maxPresses = 300): Promise<void> {
  await expect(target).toBeVisible();
  for (let press = 0; press < maxPresses; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function pressOn(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function currentStep(page: Page): Promise<Locator> {
  return page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]');
}

test.describe('least privilege', () => {
  test('a full audit and every read page call only what the audit policy allows', async ({ page, sandbox }) => {
    test.setTimeout(120_000);
    await sandbox.reset('demo');
    await sandbox.clearCalls();

    await runAuditThroughApi(page);
    for (const pathname of ['/', '/role', '/regions', '/regions/us-east-1', '/graph', '/activity']) {
      await page.goto(pathname);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }

    const calls = await sandbox.calls();
    const actions = getCalledActions(calls);
    // A real audit: the region list, every per-region read, and the role's own reads.
    for (const expected of ['ssm:DescribeMaintenanceWindows', 'ssm:ListAssociations', 'tag:GetResources', 'resource-groups:ListGroups', 'iam:GetRole']) {
      expect(actions).toContain(expected);
    }
    expect(findUncoveredActions(calls, [auditPolicy])).toEqual([]);
  });

  test('the whole delete wizard can be done with the keyboard alone, and calls only what the two policies allow', async ({ page, sandbox }) => {
    test.setTimeout(240_000);
    await sandbox.reset('demo');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 800 });
    await sandbox.clearCalls();

    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    await pressOn(page, page.getByRole('link', { name: 'Continue to blockers' }));
    await expect(await currentStep(page)).toContainText('Blockers');

    // A new custom maintenance-window role, created from the keyboard; it becomes the role for moved tasks.
    await tabTo(page, page.getByLabel('New role name'));
    await page.keyboard.type(NEW_ROLE);
    await pressOn(page, page.getByRole('button', { name: 'Create role…' }));
    await pressOn(page, page.getByRole('button', { name: 'Confirm: create the role' }));
    await expect(page.getByText(`Created ${NEW_ROLE}; it is now chosen for moved tasks.`)).toBeVisible({ timeout: 30_000 });

    // Select every task but the last with Space, move them; deregister the last one.
    const checkboxes = page.getByRole('checkbox', { name: /^Select task / });
    const count = await checkboxes.count();
    expect(count).toBeGreaterThan(1);
    const labels: string[] = [];
    for (let index = 0; index < count; index += 1) {
      labels.push(((await checkboxes.nth(index).evaluate((element) => (element as HTMLInputElement).labels?.[0]?.textContent ?? '')) as string).replace(/^Select task /, '').trim());
    }
    for (const label of labels.slice(0, -1)) {
      await pressOn(page, page.getByRole('checkbox', { name: `Select task ${label}`, exact: true }), 'Space');
      await expect(page.getByRole('checkbox', { name: `Select task ${label}`, exact: true })).toBeChecked();
    }
    await pressOn(page, page.getByRole('button', { name: `Move selected (${count - 1})` }));
    await pressOn(page, page.getByRole('button', { name: 'Confirm move' }));
    await expect(page.getByText(`${count - 1} of ${count} tasks cleaned up.`)).toBeVisible({ timeout: 30_000 });
    await pressOn(page, page.getByRole('button', { name: `Deregister ${labels.at(-1)}`, exact: true }));
    await pressOn(page, page.getByRole('button', { name: 'Confirm deregistration' }));
    await expect(page.getByText(`${count} of ${count} tasks cleaned up.`)).toBeVisible({ timeout: 30_000 });

    // Data impact: acknowledge with Space, continue with Enter.
    await pressOn(page, page.getByRole('link', { name: 'Continue to data impact' }));
    await expect(await currentStep(page)).toContainText('Data impact');
    const acknowledge = page.getByLabel(/I understand that the inventory/);
    if (await acknowledge.isVisible()) await pressOn(page, acknowledge, 'Space');
    await pressOn(page, page.getByRole('button', { name: 'Continue to confirmation' }));
    await expect(page.getByRole('heading', { name: 'Confirm the deletion' })).toBeVisible();

    // The typed confirmation, submitted with Enter.
    await tabTo(page, page.getByLabel('Type the role name to confirm'));
    await page.keyboard.type(ROLE_NAME);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 60_000 });

    // Recreate it, from the keyboard.
    await pressOn(page, page.getByRole('link', { name: 'Continue' }));
    await expect(page.getByText('The role is gone')).toBeVisible();
    await pressOn(page, page.getByRole('button', { name: 'Create the role', exact: true }));
    // The confirmation, or the page already re-rendered with the role back.
    await expect(
      page.getByRole('status').filter({ hasText: `Created ${ROLE_NAME}` }).or(page.getByText(`${ROLE_NAME} exists`)).first(),
    ).toBeVisible({ timeout: 30_000 });

    // And edit its description on the role page.
    await page.goto('/role');
    const description = page.getByLabel('Role description');
    await tabTo(page, description);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Edited from the keyboard');
    await pressOn(page, page.getByRole('button', { name: /^Save/ }));
    await expect(page.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible({ timeout: 30_000 });

    const calls = await sandbox.calls();
    const actions = getCalledActions(calls);
    for (const expected of [
      'iam:CreateRole',
      'iam:AttachRolePolicy',
      'ssm:UpdateMaintenanceWindowTask',
      'ssm:DeregisterTaskFromMaintenanceWindow',
      'iam:DeleteServiceLinkedRole',
      'iam:GetServiceLinkedRoleDeletionStatus',
      'iam:CreateServiceLinkedRole',
      'iam:UpdateRole',
    ]) {
      expect(actions).toContain(expected);
    }
    expect(findUncoveredActions(calls, [auditPolicy, lifecyclePolicy])).toEqual([]);
    // The audit policy alone would not have been enough: the lifecycle policy is needed, and used.
    expect(findUncoveredActions(calls, [auditPolicy]).length).toBeGreaterThan(0);
  });
});
