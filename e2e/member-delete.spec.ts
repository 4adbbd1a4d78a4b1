import type { Page } from '@playwright/test';
import { getExpectedRegions } from '../test-support/sandbox-expectations';
import { ORG_ACCOUNTS } from '../sandbox/scenarios/org-facts';
import type { SandboxState } from '../sandbox/types';
import { expect, ORG_DASHBOARD_URL, test, type SandboxAdmin } from './fixtures';

// The delete wizard in a member account of the sandbox's `org` scenario, through that account's assumed access
// role: the member and its blockers are picked from the sandbox's raw state; the blockers are cleaned up, the
// role deleted, recreated and described through the wizard; then the raw state shows the change in that member
// only, every other account untouched, and the activity log names the member account for every change. A data-impact
// item is removed in a member the same way.

test.use({ baseURL: ORG_DASHBOARD_URL });

const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
/** The access role the org dashboard assumes (its default ATLAS_ORG_ROLE_NAME). */
const ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';
const CUSTOM_ROLE = 'AtlasMemberMaintenanceWindowRole';

interface BlockingTask {
  region: string;
  name: string;
  label: string;
}

interface Member {
  id: string;
  name: string;
  tasks: BlockingTask[];
}

async function auditOrganization(page: Page): Promise<void> {
  const response = await page.request.post('/api/org-audit/stream', { timeout: 240_000 });
  expect(response.ok(), 'organization audit stream answered').toBeTruthy();
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { type?: string };
  expect(last.type, 'the organization audit finished').toBe('finished');
}

async function readState(sandbox: SandboxAdmin): Promise<SandboxState> {
  return (await sandbox.state()) as SandboxState;
}

/** The tasks of an account that run as the service-linked role, in its enabled regions, from the raw state. */
function blockingTasks(state: SandboxState, accountId: string): BlockingTask[] {
  const account = state.accounts[accountId]!;
  const enabled = getExpectedRegions(state, accountId);
  const roleArn = new RegExp(`^arn:${account.partition}:iam::${accountId}:role/(aws-service-role/ssm\\.amazonaws\\.com/)?${ROLE_NAME}$`);
  return Object.values(account.regions)
    .filter((region) => enabled[region.code]?.isEnabled)
    .flatMap((region) =>
      Object.values(region.windows).flatMap((window) =>
        Object.values(window.tasks)
          .filter((task) => !task.ServiceRoleArn || roleArn.test(task.ServiceRoleArn))
          .map((task) => ({ region: region.code, name: task.Name ?? '', label: `${task.Name ?? ''} in ${region.code}` })),
      ),
    );
}

/**
 * An active member account the dashboard can reach (it has the access role), with the service-linked role and at
 * least two tasks relying on it, each named uniquely in its region: the first such account by id.
 */
function pickMember(state: SandboxState): Member {
  const organization = state.organization;
  if (!organization) throw new Error('the org scenario has no organization');
  const candidates = Object.values(organization.accounts)
    .filter((account) => account.id !== organization.managementAccountId && account.status === 'ACTIVE')
    .filter((account) => state.accounts[account.id]?.iam.roles[ACCESS_ROLE_NAME] && state.accounts[account.id]?.iam.roles[ROLE_NAME])
    .map((account) => ({ id: account.id, name: account.name, tasks: blockingTasks(state, account.id) }))
    .filter((member) => member.tasks.length >= 2 && new Set(member.tasks.map((task) => task.label)).size === member.tasks.length && member.tasks.every((task) => task.name))
    .sort((a, b) => a.id.localeCompare(b.id));
  const member = candidates[0];
  if (!member) throw new Error('the org scenario has no reachable member account with two or more blockers');
  return member;
}

/** What of an account must stay as it is: its roles (by id) and every task with its role. */
function fingerprint(state: SandboxState, accountId: string): unknown {
  const account = state.accounts[accountId]!;
  return {
    roles: Object.fromEntries(Object.values(account.iam.roles).map((role) => [role.roleName, { roleId: role.roleId, description: role.description ?? null }])),
    tasks: Object.fromEntries(
      Object.values(account.regions).map((region) => [
        region.code,
        Object.fromEntries(Object.entries(region.windows).map(([windowId, window]) => [windowId, window.tasks])),
      ]),
    ),
  };
}

function taskItem(page: Page, label: string) {
  return page.getByRole('listitem').filter({ has: page.getByLabel(`Select task ${label}`) });
}

/** From the blockers to the typed confirmation, which names the member account; the data impact acknowledged if any. */
async function goToConfirmation(page: Page, member: Member): Promise<void> {
  await page.getByRole('link', { name: 'Continue to data impact' }).click();
  await expect(currentStep(page)).toContainText('Data impact');
  await expect(page).toHaveURL(new RegExp(`account=${member.id}`));
  await expect(page.getByRole('button', { name: 'Continue to confirmation' })).toBeVisible();
  const acknowledge = page.getByLabel(/I understand that the inventory/);
  if (await acknowledge.isVisible()) await acknowledge.check();
  await page.getByRole('button', { name: 'Continue to confirmation' }).click();
  await expect(page.getByRole('heading', { name: `Confirm the deletion in account ${member.name} (${member.id})` })).toBeVisible();
  await expect(page.getByText(`to delete it in member account ${member.name} (${member.id})`)).toBeVisible();
}

function currentStep(page: Page) {
  return page.getByRole('navigation', { name: 'Deletion steps' }).locator('[aria-current="step"]');
}

test.describe('delete wizard in a member account', () => {
  test('cleans up, deletes, recreates and describes the role in one member account only, each change logged with that account', async ({ page, sandbox }) => {
    test.setTimeout(360_000);
    await sandbox.reset('org');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 800 });
    await auditOrganization(page);
    const before = await readState(sandbox);
    const member = pickMember(before);
    const others = Object.keys(before.accounts).filter((id) => id !== member.id);
    const startedAt = new Date().toISOString();

    await page.goto(`/delete?step=preflight&account=${member.id}`);
    await expect(currentStep(page)).toContainText('Preflight');
    // The page says where it acts, and as whom: the member's assumed access role.
    const banner = page.getByRole('note').filter({ hasText: `Acting in member account ${member.name} (${member.id})` });
    await expect(banner).toContainText(`arn:aws:sts::${member.id}:assumed-role/${ACCESS_ROLE_NAME}/`);
    await expect(page.getByText('Deletion is blocked')).toBeVisible({ timeout: 60_000 });
    // The evidence of use is the member's own, read through the same role.
    const evidence = page.getByRole('region', { name: 'Evidence of use', exact: true });
    await expect(evidence).toBeVisible({ timeout: 60_000 });
    await expect(evidence).not.toContainText('could not be collected');
    // Every step's link keeps the account.
    for (const href of await page.getByRole('navigation', { name: 'Deletion steps' }).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      expect(href).toContain(`account=${member.id}`);
    }

    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await expect(page).toHaveURL(new RegExp(`account=${member.id}`));
    await expect(currentStep(page)).toContainText('Blockers');
    for (const task of member.tasks) await expect(taskItem(page, task.label)).toBeVisible();

    // A custom maintenance-window role, created in the member account, takes the first task.
    await page.getByLabel('New role name').fill(CUSTOM_ROLE);
    await page.getByRole('button', { name: 'Create role…' }).click();
    await page.getByRole('button', { name: 'Confirm: create the role' }).click();
    await expect(page.getByText(`Created ${CUSTOM_ROLE}; it is now chosen for moved tasks.`)).toBeVisible();
    // One task moved, the others deregistered but the last, which is left on purpose: the first deletion fails on it.
    const moved = member.tasks[0]!;
    const left = member.tasks[member.tasks.length - 1]!;
    const deregistered = member.tasks.slice(1);
    await page.getByRole('button', { name: `Move to role: ${moved.label}` }).click();
    await page.getByRole('button', { name: 'Confirm move' }).click();
    await expect(taskItem(page, moved.label)).toContainText('Moved');
    for (const task of deregistered.slice(0, -1)) {
      await page.getByRole('button', { name: `Deregister ${task.label}` }).click();
      await page.getByRole('button', { name: 'Confirm deregistration' }).click();
      await expect(taskItem(page, task.label)).toContainText('Deregistered');
    }
    expect(blockingTasks(await readState(sandbox), member.id)).toEqual([left]);

    await goToConfirmation(page, member);
    await page.getByLabel('Type the role name to confirm').fill(ROLE_NAME);
    await page.getByRole('button', { name: 'Delete the role' }).click();
    await expect(page).toHaveURL(new RegExp(`step=delete.*account=${member.id}|account=${member.id}.*step=delete`));
    await expect(page.getByRole('heading', { name: 'The deletion failed' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Reason from IAM' })).toContainText(/cannot be deleted: 1 maintenance window task in 1 region/);
    const usage = page.getByRole('region', { name: `Usage in ${left.region}` });
    await expect(usage.getByText(new RegExp(`arn:aws:ssm:${left.region}:${member.id}:windowtask/mw-`))).toBeVisible();
    await expect(usage.getByRole('link', { name: 'graph' })).toHaveAttribute('href', `/graph?account=${member.id}`);
    await expect(usage.locator(`a[href="/regions/${left.region}?account=${member.id}"]`).first()).toBeVisible();
    expect(Object.keys((await readState(sandbox)).accounts[member.id]!.iam.roles)).toContain(ROLE_NAME);

    // Second round: the organization audit reads the member again, and only what is left is offered.
    await page.getByRole('link', { name: 'Clean these up and try again' }).click();
    await expect(page.getByText('Tasks relying on the role (1 left of 1)')).toBeVisible({ timeout: 120_000 });
    await expect(page).toHaveURL(new RegExp(`account=${member.id}`));
    await page.getByRole('button', { name: `Deregister ${left.label}` }).click();
    await page.getByRole('button', { name: 'Confirm deregistration' }).click();
    await expect(taskItem(page, left.label)).toContainText('Deregistered');
    expect(blockingTasks(await readState(sandbox), member.id)).toEqual([]);

    await goToConfirmation(page, member);
    await page.getByLabel('Type the role name to confirm').fill(ROLE_NAME);
    await page.getByRole('button', { name: 'Delete the role' }).click();
    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 60_000 });

    // The sandbox: gone in the member, its tasks moved or deregistered; every other account exactly as before.
    const afterDeletion = await readState(sandbox);
    expect(Object.keys(afterDeletion.accounts[member.id]!.iam.roles)).not.toContain(ROLE_NAME);
    expect(afterDeletion.accounts[member.id]!.iam.roles[CUSTOM_ROLE]).toBeDefined();
    for (const id of others) expect(fingerprint(afterDeletion, id), `account ${id} untouched`).toEqual(fingerprint(before, id));

    // The deletion is this member's: neither the dashboard's own account nor another member shows it.
    await page.goto('/delete?step=delete');
    await expect(page.getByText('No deletion in progress')).toBeVisible();
    const otherMember = Object.values(before.organization!.accounts).find(
      (account) => account.id !== member.id && account.id !== before.organization!.managementAccountId && account.status === 'ACTIVE' && before.accounts[account.id]?.iam.roles[ACCESS_ROLE_NAME],
    )!;
    await page.goto(`/delete?step=delete&account=${otherMember.id}`);
    await expect(page.getByRole('note').filter({ hasText: `Acting in member account ${otherMember.name} (${otherMember.id})` })).toBeVisible();
    await expect(page.getByText('No deletion in progress')).toBeVisible();

    // Recreated, then described, in the member account.
    await page.goto(`/delete?step=after&account=${member.id}`);
    await expect(page.getByText('The role is gone')).toBeVisible();
    await page.getByLabel('Description (optional)').fill('Recreated in the member account');
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    await expect(page.getByText('The role was deleted and has been created again since.')).toBeVisible();
    await page.getByLabel('Role description').fill('Described in the member account');
    await page.getByRole('button', { name: 'Save description' }).click();
    // The page confirms once the action has answered, which is after it has recorded the change.
    await expect(page.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();
    expect((await readState(sandbox)).accounts[member.id]!.iam.roles[ROLE_NAME]?.description).toBe('Described in the member account');
    const afterAll = await readState(sandbox);
    for (const id of others) expect(fingerprint(afterAll, id), `account ${id} untouched`).toEqual(fingerprint(before, id));

    // Every change is in the activity log with the member account's id.
    const exported = await page.request.get('/activity/export?format=json');
    expect(exported.ok()).toBeTruthy();
    const { entries } = (await exported.json()) as { entries: Array<{ time: string; operation: string; result: string; accountId: string; subject: string }> };
    // The log outlives the sandbox's reset: only this run's entries count.
    const thisRun = entries.filter((entry) => entry.time >= startedAt);
    const ours = thisRun.filter((entry) => entry.accountId === member.id);
    const count = (operation: string, result: string) => ours.filter((entry) => entry.operation === operation && entry.result === result).length;
    expect(count('CreateRole', 'succeeded')).toBe(1);
    expect(count('UpdateMaintenanceWindowTask', 'succeeded')).toBe(1);
    expect(count('DeregisterTaskFromMaintenanceWindow', 'succeeded')).toBe(deregistered.length);
    expect(count('DeleteServiceLinkedRole', 'succeeded')).toBe(2);
    expect(count('GetServiceLinkedRoleDeletionStatus', 'failed')).toBe(1);
    expect(count('GetServiceLinkedRoleDeletionStatus', 'succeeded')).toBe(1);
    expect(count('CreateServiceLinkedRole', 'succeeded')).toBe(1);
    expect(count('UpdateRole', 'succeeded')).toBe(1);
    // The task changes name the member's own task ARNs.
    for (const entry of ours.filter((item) => item.operation === 'DeregisterTaskFromMaintenanceWindow')) {
      expect(entry.subject).toMatch(new RegExp(`^arn:aws:ssm:[a-z0-9-]+:${member.id}:windowtask/`));
    }
    // No change of this run is recorded under any other account.
    const changes = ['CreateRole', 'UpdateMaintenanceWindowTask', 'DeregisterTaskFromMaintenanceWindow', 'DeleteServiceLinkedRole', 'CreateServiceLinkedRole', 'UpdateRole'];
    const elsewhere = thisRun.filter((entry) => changes.includes(entry.operation) && entry.accountId !== member.id);
    expect(elsewhere).toEqual([]);
  });

  test('removes an inventory association in a member account only, after its confirmation, logged with that account', async ({ page, sandbox }) => {
    test.setTimeout(240_000);
    await sandbox.reset('org');
    await auditOrganization(page);
    const before = await readState(sandbox);
    // The member whose only finding is data impact, and its first inventory association, from the raw state.
    const member = ORG_ACCOUNTS.dataImpactOnly;
    const enabled = getExpectedRegions(before, member.id);
    const inventory = Object.values(before.accounts[member.id]!.regions)
      .filter((region) => enabled[region.code]?.isEnabled)
      .flatMap((region) => Object.values(region.associations).filter((association) => association.Name === 'AWS-GatherSoftwareInventory').map((association) => ({ region: region.code, association })))
      .sort((a, b) => `${a.region}/${a.association.AssociationId}`.localeCompare(`${b.region}/${b.association.AssociationId}`));
    const removed = inventory[0];
    if (!removed) throw new Error(`the org scenario gives ${member.id} no inventory association`);
    const title = `inventory association ${removed.association.AssociationName ?? removed.association.AssociationId} in ${removed.region}`;
    const startedAt = new Date().toISOString();

    await page.goto(`/delete?step=data&account=${member.id}`);
    await expect(page.getByRole('note').filter({ hasText: `Acting in member account ${member.name} (${member.id})` })).toBeVisible();
    await page.getByRole('button', { name: `Remove ${title}` }).click();
    await expect(page.getByText(new RegExp(`aws ssm delete-association --region ${removed.region} --association-id ${removed.association.AssociationId}`)).first()).toBeVisible();
    await page.getByRole('button', { name: 'Confirm removal' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('Inventory association removed.');

    // Gone from the member's region, and nothing else changed: the member's other associations, every other account.
    const after = await readState(sandbox);
    const associationsOf = (state: SandboxState, accountId: string) =>
      Object.fromEntries(Object.values(state.accounts[accountId]!.regions).map((region) => [region.code, Object.keys(region.associations).sort()]));
    const expected = associationsOf(before, member.id);
    expected[removed.region] = expected[removed.region]!.filter((id) => id !== removed.association.AssociationId);
    expect(associationsOf(after, member.id)).toEqual(expected);
    for (const id of Object.keys(before.accounts).filter((other) => other !== member.id)) {
      expect(associationsOf(after, id), `account ${id} untouched`).toEqual(associationsOf(before, id));
    }

    // Recorded once, with the member account.
    const exported = await page.request.get('/activity/export?format=json');
    const { entries } = (await exported.json()) as { entries: Array<{ time: string; operation: string; result: string; accountId: string; region: string; subject: string }> };
    const removals = entries.filter((entry) => entry.time >= startedAt && entry.operation === 'DeleteAssociation');
    expect(removals.map((entry) => [entry.result, entry.accountId, entry.region])).toEqual([['succeeded', member.id, removed.region]]);
  });

  test('refuses an account outside the organization audit, or a malformed one, and offers nothing to change', async ({ page, sandbox }) => {
    test.setTimeout(240_000);
    await sandbox.reset('org');
    await auditOrganization(page);
    const state = await readState(sandbox);
    const outside = '999999999999';
    expect(state.accounts[outside]).toBeUndefined();
    await page.goto(`/delete?step=confirm&account=${outside}`);
    const refusal = page.getByRole('note').filter({ hasText: 'The wizard cannot act in this account' });
    await expect(refusal).toContainText(`Account ${outside} is not among the accounts of the last organization audit.`);
    await expect(page.getByLabel('Type the role name to confirm')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Deletion steps' })).toHaveCount(0);
    await page.goto('/delete?step=confirm&account=12345');
    await expect(page.getByRole('note').filter({ hasText: 'The wizard cannot act in this account' })).toContainText('The account must be a 12-digit account id.');
    await expect(page.getByLabel('Type the role name to confirm')).toHaveCount(0);
  });
});
