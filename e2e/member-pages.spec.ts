import { getExpectedRegions } from '../test-support/sandbox-expectations';
import { ORG_ACCOUNTS, ORG_MANAGEMENT_ACCOUNT_ID, ORG_SCENARIO_ACCOUNTS, type OrgScenarioAccount } from '../sandbox/scenarios/org-facts';
import type { SandboxState } from '../sandbox/types';
import { expect, ORG_DASHBOARD_URL, resetToOrg, test } from './fixtures';

// Every page of a member account (`?account=`) on the sandbox's `org` scenario, against the sandbox's own state:
// the role read through the account's access role, its regions and graph from its part of the organization
// audit, the navigation and header that stay in the account, the refusal of an account that is not one of the
// organization's, and the organization audit's live progress by account.

test.use({ baseURL: ORG_DASHBOARD_URL });

const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const SECTIONS = [
  { label: 'Overview', path: '/' },
  { label: 'Role', path: '/role' },
  { label: 'Regions', path: '/regions' },
  { label: 'Graph', path: '/graph' },
  { label: 'Delete', path: '/delete' },
  { label: 'Activity', path: '/activity' },
] as const;

/** A member reached through its access role, blocked in two regions: the richest member to check. */
function getBlockedMember(): OrgScenarioAccount {
  const member = ORG_SCENARIO_ACCOUNTS.find((account) => account.blockedRegions.length > 1 && account.access.kind === 'role' && !account.access.externalId);
  if (!member) throw new Error('the org scenario has no member blocked in two regions');
  return member;
}

function withAccountParam(path: string, accountId: string): string {
  return `${path}?account=${accountId}`;
}

test.describe('member account pages', () => {
  test.setTimeout(240_000);

  test('a blocked member’s overview, role, regions and graph agree with that member’s sandbox state; its description is edited there only', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    const member = getBlockedMember();
    const account = state.accounts[member.id]!;
    const role = account.iam.roles[ROLE_NAME];
    expect(role, 'the member has the role in the sandbox').toBeTruthy();
    const ownRole = state.accounts[ORG_MANAGEMENT_ACCOUNT_ID]!.iam.roles[ROLE_NAME]!;
    const expected = getExpectedRegions(state, member.id);
    const enabled = Object.entries(expected).filter(([, region]) => region.isEnabled);
    const tasksOnRole = enabled.reduce((sum, [, region]) => sum + region.counts.tasksOnRole, 0);
    const blockedCodes = enabled.filter(([, region]) => region.counts.tasksOnRole > 0).map(([code]) => code).sort();
    expect(blockedCodes).toEqual([...member.blockedRegions].sort());

    // Overview: the member's role, read now through its access role; not the dashboard's own.
    await page.goto(withAccountParam('/', member.id));
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: `Member account ${member.name} (${member.id})` })).toBeVisible();
    await expect(page.getByText(role!.arn, { exact: true })).toBeVisible();
    await expect(page.getByText(ownRole.arn, { exact: true })).toHaveCount(0);
    const relies = page.getByRole('region', { name: 'What relies on it' });
    await expect(relies).toContainText(`${tasksOnRole} maintenance-window task${tasksOnRole === 1 ? '' : 's'} in ${blockedCodes.join(', ')}`);
    await expect(relies.getByRole('link', { name: /region audit/ })).toHaveAttribute('href', withAccountParam('/regions', member.id));

    // Role: its trust policy and attached policies, as the sandbox holds them; no edit in the member account.
    await page.goto(withAccountParam('/role', member.id));
    await expect(page.getByRole('heading', { level: 1, name: 'Role and permissions' })).toBeVisible();
    const trust = JSON.parse(role!.assumeRolePolicyDocument) as { Statement: Array<{ Principal?: { Service?: string | string[] } }> };
    for (const service of trust.Statement.flatMap((statement) => [statement.Principal?.Service ?? []].flat())) {
      await expect(page.getByRole('region', { name: 'Trust policy' }).getByText(`Service: ${service}`)).toBeVisible();
    }
    expect(role!.attachedPolicyArns.length).toBeGreaterThan(0);
    for (const policyArn of role!.attachedPolicyArns) {
      await expect(page.getByRole('region', { name: `Attached policy: ${policyArn.split('/').pop()}` })).toBeVisible();
    }
    // Editing the description acts in the member account, and only there.
    const startedAt = new Date().toISOString();
    const description = `Described in ${member.id} at ${startedAt}`;
    await page.getByLabel('Role description').fill(description);
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect.poll(async () => ((await sandbox.state()) as SandboxState).accounts[member.id]!.iam.roles[ROLE_NAME]?.description).toBe(description);
    const afterEdit = (await sandbox.state()) as SandboxState;
    for (const [id, other] of Object.entries(afterEdit.accounts)) {
      if (id !== member.id) expect(other.iam.roles[ROLE_NAME]?.description, `account ${id} untouched`).toBe(state.accounts[id]!.iam.roles[ROLE_NAME]?.description);
    }
    // Recorded with the member's id, and listed on the member's activity page.
    // The entry is written once the action has its answer, a moment after the sandbox's change.
    await expect(async () => {
      const exported = await page.request.get(`/activity/export?format=json&account=${member.id}`);
      const { entries } = (await exported.json()) as { entries: Array<{ time: string; operation: string; result: string; accountId: string }> };
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((entry) => entry.accountId !== member.id)).toEqual([]);
      expect(entries.filter((entry) => entry.time >= startedAt && entry.operation === 'UpdateRole' && entry.result === 'succeeded')).toHaveLength(1);
    }).toPass({ timeout: 15_000 });
    await page.goto(withAccountParam('/activity', member.id));
    const log = page.getByRole('region', { name: 'Activity log entries' });
    await expect(log.getByRole('row').filter({ hasText: 'UpdateRole' }).first()).toContainText(member.id);
    const rows = (await log.getByRole('row').allInnerTexts()).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const text of rows) expect(text).toContain(member.id);
    await page.goto(withAccountParam('/role', member.id));
    // Evidence of use: the member's own CloudTrail history, read through its access role.
    const uses = Object.entries(account.cloudTrail ?? {})
      .flatMap(([region, events]) => events.map((event) => ({ region, event })))
      .filter(({ event }) => event.record.eventName === 'AssumeRole' && (event.record.requestParameters as { roleArn?: string } | null)?.roleArn === role!.arn)
      .sort((left, right) => Date.parse(right.event.record.eventTime) - Date.parse(left.event.record.eventTime));
    const lastUse = page.getByRole('region', { name: 'Evidence of use' }).getByTestId('evidence-last-use');
    if (uses[0]) await expect(lastUse).toContainText(`in ${uses[0].region}`, { timeout: 30_000 });
    else await expect(lastUse).toHaveText(/^Not assumed by Systems Manager in the last \d+ days in any enabled region\.$/, { timeout: 30_000 });

    // Regions: one row per enabled region, with that region's counts; links stay in the account; no scan button.
    await page.goto(withAccountParam('/regions', member.id));
    await expect(page.getByRole('heading', { level: 1, name: 'Region audit' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Systems Manager use of the role, region by region' });
    await expect(table.getByRole('row')).toHaveCount(Object.keys(expected).length + 1);
    for (const [code, region] of Object.entries(expected)) {
      const row = table.getByRole('row', { name: new RegExp(`^${code} `) });
      await expect(row.getByRole('link', { name: code, exact: true })).toHaveAttribute('href', withAccountParam(`/regions/${code}`, member.id));
      const cells = await row.getByRole('cell').allInnerTexts();
      if (!region.isEnabled) {
        expect(cells[1], code).toBe('Not enabled');
        continue;
      }
      // Opt-in, Scan, Windows, Tasks on the role, Tasks on custom roles, Inventory associations, Data syncs.
      expect(Number(cells[2]), `${code}: windows`).toBe(region.counts.windows);
      expect(Number(cells[3]), `${code}: tasks on the role`).toBe(region.counts.tasksOnRole);
      expect(Number(cells[4]), `${code}: tasks on custom roles`).toBe(region.counts.tasksOnCustomRoles);
    }
    await expect(page.getByRole('button', { name: /^(Rescan|Scan all regions)$/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'run the organization audit' })).toHaveAttribute('href', '/accounts');
    await expect(page.getByRole('region', { name: 'Evidence of use per region' })).toBeVisible({ timeout: 30_000 });

    // A blocked region's page: the evidence line for that region of that account.
    const blockedRegion = blockedCodes[0]!;
    await page.goto(withAccountParam(`/regions/${blockedRegion}`, member.id));
    const regionEvidence = page.getByTestId('region-evidence');
    if (uses.some((use) => use.region === blockedRegion)) await expect(regionEvidence).toContainText('last assumed by Systems Manager', { timeout: 30_000 });
    else await expect(regionEvidence).toContainText('no use', { timeout: 30_000 });

    // Graph: the member's blockers and unaffected tasks.
    await page.goto(withAccountParam('/graph', member.id));
    await expect(page.getByRole('heading', { level: 1, name: 'Dependency graph' })).toBeVisible();
    const tasksOnCustomRoles = enabled.reduce((sum, [, region]) => sum + region.counts.tasksOnCustomRoles, 0);
    await expect(page.locator('[data-count="Blockers"]')).toHaveText(String(tasksOnRole), { timeout: 20_000 });
    await expect(page.locator('[data-count="Unaffected"]')).toHaveText(String(tasksOnCustomRoles));

    // The dashboard's own view is unchanged: its own role, and its own scan.
    await page.goto('/');
    await expect(page.getByText(ownRole.arn, { exact: true })).toBeVisible();
    await page.goto('/regions');
    await expect(page.getByRole('button', { name: /^(Rescan|Scan all regions|Scanning…)$/ })).toBeVisible();
  });

  test('the member without the role shows it absent and creates it there only; the denied member says its role could not be assumed', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    const absent = ORG_ACCOUNTS.roleAbsent;
    expect(state.accounts[absent.id]!.iam.roles[ROLE_NAME], 'the sandbox has no role in that member').toBeUndefined();
    await page.goto(withAccountParam('/', absent.id));
    const card = page.getByRole('region', { name: 'The role does not exist' });
    await expect(card).toContainText(`Account ${absent.id} has no role named ${ROLE_NAME}`);
    await expect(card.getByRole('link', { name: 'regions' })).toHaveAttribute('href', withAccountParam('/regions', absent.id));
    await page.goto(withAccountParam('/role', absent.id));
    await expect(page.getByRole('region', { name: 'The role does not exist' })).toContainText(absent.id);

    // Creating it from the member's overview creates it in that member only.
    await page.goto(withAccountParam('/', absent.id));
    await page.getByLabel('Description (optional)').fill('Created in the member account');
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    await expect.poll(async () => ((await sandbox.state()) as SandboxState).accounts[absent.id]!.iam.roles[ROLE_NAME]?.description).toBe('Created in the member account');
    const after = (await sandbox.state()) as SandboxState;
    for (const [id, other] of Object.entries(after.accounts)) {
      if (id !== absent.id) expect(other.iam.roles[ROLE_NAME]?.roleId, `account ${id} untouched`).toBe(state.accounts[id]!.iam.roles[ROLE_NAME]?.roleId);
    }
    await page.reload();
    await expect(page.getByText(after.accounts[absent.id]!.iam.roles[ROLE_NAME]!.arn, { exact: true })).toBeVisible();

    const denied = ORG_ACCOUNTS.denied;
    await page.goto(withAccountParam('/', denied.id));
    await expect(page.getByRole('alert').filter({ hasText: 'The role could not be read through the account’s access role' })).toContainText('AccessDenied');
    await expect(page.getByText(state.accounts[ORG_MANAGEMENT_ACCOUNT_ID]!.iam.roles[ROLE_NAME]!.arn, { exact: true })).toHaveCount(0);
  });

  test('the navigation keeps the account on every section, and the header shows the member and its assumed-role ARN', async ({ page, sandbox }) => {
    await resetToOrg(sandbox, page);
    const member = getBlockedMember();
    const roleName = member.access.kind === 'role' ? member.access.roleName : '';
    await page.goto(withAccountParam('/role', member.id));
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const section of SECTIONS) {
      await expect(nav.getByRole('link', { name: section.label, exact: true })).toHaveAttribute('href', withAccountParam(section.path, member.id));
    }
    await expect(nav.getByRole('link', { name: 'Accounts', exact: true })).toHaveAttribute('href', '/accounts');

    const target = page.getByRole('group', { name: 'Target' });
    await expect(target.getByTestId('member-account')).toContainText(member.name);
    await expect(target.getByTestId('member-account')).toContainText(member.id);
    await expect(target.getByTestId('member-caller-arn')).toHaveText(new RegExp(`^arn:aws:sts::${member.id}:assumed-role/${roleName}/[\\w+=,.@-]{2,64}$`));
    // Beside the dashboard's own account and caller, which stay as they are.
    await expect(target.getByTestId('account-id')).toHaveText(ORG_MANAGEMENT_ACCOUNT_ID);
    await expect(target.getByTestId('caller-arn')).toHaveText(new RegExp(`^arn:aws:(iam|sts)::${ORG_MANAGEMENT_ACCOUNT_ID}:`));

    // Following the navigation stays in the account, header included.
    await nav.getByRole('link', { name: 'Regions', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/regions\\?account=${member.id}$`));
    await expect(page.getByRole('note').filter({ hasText: `Member account ${member.name} (${member.id})` })).toBeVisible();
    await expect(target.getByTestId('member-caller-arn')).toContainText(`arn:aws:sts::${member.id}:assumed-role/${roleName}/`);
    await nav.getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/activity\\?account=${member.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/activity/export?format=csv&account=${member.id}`);

    // Back on the organization page, the header names no member account.
    await nav.getByRole('link', { name: 'Accounts', exact: true }).click();
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(target.getByTestId('member-account')).toHaveCount(0);
    for (const section of SECTIONS) await expect(nav.getByRole('link', { name: section.label, exact: true })).toHaveAttribute('href', section.path);
  });

  test('an unknown or malformed account is refused on every page, with no account data', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    const ownRoleArn = state.accounts[ORG_MANAGEMENT_ACCOUNT_ID]!.iam.roles[ROLE_NAME]!.arn;
    const memberIds = ORG_SCENARIO_ACCOUNTS.map((account) => account.id).filter((id) => id !== ORG_MANAGEMENT_ACCOUNT_ID);
    const bad = ['999999999999', '12345', '21098765430a', `${ORG_ACCOUNTS.clean.id}0`, '../../etc/passwd'];
    for (const section of SECTIONS.filter((candidate) => candidate.path !== '/delete')) {
      for (const account of bad) {
        await page.goto(`${section.path}?account=${encodeURIComponent(account)}`);
        const main = page.getByRole('main');
        await expect(main.getByText('This account cannot be shown'), `${section.path} ${account}`).toBeVisible();
        const text = await main.innerText();
        expect(text, `${section.path} ${account}`).not.toContain(ownRoleArn);
        expect(text, `${section.path} ${account}`).not.toMatch(/arn:aws:/);
        for (const id of memberIds) expect(text, `${section.path} ${account}`).not.toContain(id);
        await expect(main.getByRole('table')).toHaveCount(0);
        await expect(page.getByRole('group', { name: 'Target' }).getByTestId('member-account')).toHaveCount(0);
      }
    }
    const identity = await page.request.get('/accounts/identity?account=999999999999');
    expect(identity.status()).toBe(404);
  });

  test('the organization audit shows each account’s progress live, before it finishes', async ({ page, sandbox }) => {
    await resetToOrg(sandbox, page);
    const slow = getBlockedMember();
    // Every region the account lists is counted, the ones not enabled included (as the region table lists them).
    const expectedRegions = Object.keys(getExpectedRegions((await sandbox.state()) as SandboxState, slow.id)).length;
    // Every call in that one account answers late, so its scan is visibly in progress for a while.
    await sandbox.setFaults([{ accountId: slow.id, latencyMs: 400 }]);
    try {
      await page.goto('/accounts');
      const progress = page.getByRole('progressbar', { name: 'Organization audit progress' });
      const button = page.getByRole('button', { name: 'Audit again' });
      // A click before the page is interactive is lost: click until the audit runs. Nothing here waits on the
      // button, which is renamed while an audit runs.
      await expect(async () => {
        if ((await button.count()) > 0 && (await button.isEnabled({ timeout: 1_000 }))) await button.click({ timeout: 2_000 });
        await expect(progress).toBeVisible({ timeout: 2_000 });
      }).toPass({ intervals: [500, 1_000, 2_000], timeout: 45_000 });
      // The account's row and the audit's progress bar, read in one go: the audit may end a moment later.
      const seen = await (
        await page.waitForFunction(
          (accountId) => {
            const text = document.querySelector(`tr[data-account-id="${accountId}"]`)?.textContent ?? '';
            const match = /Scanning: (\d+) of (\d+) regions/.exec(text);
            const bar = document.querySelector('[role="progressbar"][aria-label="Organization audit progress"]');
            // Mid-scan only: a row at its last region may already be done.
            if (!match || !bar || Number(match[1]) >= Number(match[2])) return null;
            return { done: Number(match[1]), total: Number(match[2]), accountsDone: Number(bar.getAttribute('aria-valuenow')), accounts: Number(bar.getAttribute('aria-valuemax')) };
          },
          slow.id,
          { timeout: 60_000 },
        )
      ).jsonValue();
      expect(seen, 'the account’s progress was shown while the audit ran').not.toBeNull();
      expect(seen!.total).toBe(expectedRegions);
      expect(seen!.done).toBeLessThan(seen!.total);
      expect(seen!.accountsDone).toBeLessThan(seen!.accounts);
      const row = page.getByRole('table', { name: 'Accounts', exact: true }).locator(`tr[data-account-id="${slow.id}"]`);
      // Then the audit ends with that account's verdict.
      await expect(progress).toHaveCount(0, { timeout: 200_000 });
      await expect(row.getByText('Blocked', { exact: true })).toBeVisible();
    } finally {
      await sandbox.clearFaults();
    }
  });
});
