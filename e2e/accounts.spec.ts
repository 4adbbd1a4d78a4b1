import { getExpectedRegions } from '../test-support/sandbox-expectations';
import { ORG_ACCOUNTS, ORG_SCENARIO_ACCOUNTS } from '../sandbox/scenarios/org-facts';
import type { SandboxState } from '../sandbox/types';
import { expect, ORG_DASHBOARD_URL, resetToOrg, test } from './fixtures';

// The organization page on the sandbox's `org` scenario, against figures computed from the sandbox's own state
// (test-support/sandbox-expectations) and the scenario's facts: every account's tasks on the role, data impact and
// verdict; the denied and suspended accounts shown as such; the matrix; the exports.

test.use({ baseURL: ORG_DASHBOARD_URL });

interface Expected {
  tasksOnRole: number;
  dataImpactRegions: number;
}

function expectedFigures(state: SandboxState, accountId: string): Expected {
  const regions = Object.values(getExpectedRegions(state, accountId)).filter((region) => region.isEnabled);
  return {
    tasksOnRole: regions.reduce((sum, region) => sum + region.counts.tasksOnRole, 0),
    dataImpactRegions: regions.filter(
      (region) => region.counts.inventoryAssociations + region.counts.dataSyncs + region.counts.resourceGroups + region.counts.taggedResources > 0,
    ).length,
  };
}

test.describe('organization page', () => {
  test.setTimeout(240_000);

  test('shows every account with the figures of the sandbox’s own state, denied and suspended accounts as such', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    await page.goto('/accounts');
    await expect(page.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Accounts', exact: true })).toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table', { name: 'Accounts', exact: true });
    await expect(table.getByRole('row')).toHaveCount(ORG_SCENARIO_ACCOUNTS.length + 1);

    for (const account of ORG_SCENARIO_ACCOUNTS) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: account.id, exact: true }) });
      const cells = await row.getByRole('cell').allInnerTexts();
      // Account, Id, Unit, Status, Role, Last used, Tasks on role, Data impact, Regions unknown, Verdict.
      expect(cells[1], account.name).toBe(account.id);
      expect(cells[2], account.name).toBe(account.ouPath.length > 0 ? account.ouPath.join(' / ') : 'Root');
      expect(cells[3], account.name).toBe(account.state);
      if (account.state !== 'ACTIVE') {
        expect(cells[9], account.name).toContain('Skipped');
        expect(cells[6], account.name).toBe('–');
        continue;
      }
      if (account.access.kind === 'denied') {
        expect(cells[9], account.name).toContain('Unknown');
        expect(cells[9], account.name).toContain('AccessDenied');
        expect(cells[6], account.name).toBe('–');
        continue;
      }
      const expected = expectedFigures(state, account.id);
      expect(cells[4], account.name).toBe(account.hasServiceLinkedRole ? 'Present' : 'Absent');
      expect(Number(cells[6]), `${account.name}: tasks on the role`).toBe(expected.tasksOnRole);
      expect(Number(cells[7]), `${account.name}: regions with data impact`).toBe(expected.dataImpactRegions);
      expect(cells[8], `${account.name}: regions unknown`).toBe('0');
      const verdict = expected.tasksOnRole > 0 ? 'Blocked' : account.hasServiceLinkedRole ? 'Safe to delete' : 'No role';
      expect(cells[9], account.name).toContain(verdict);
    }
    // The denied account leaves the organization unknown at best: never safe.
    await expect(page.getByTestId('org-verdict-text')).not.toContainText('Safe:');
    await expect(page.getByRole('note').filter({ hasText: 'Organization verdict' })).toContainText(/blocked/);
  });

  test('the matrix colours each account’s regions and links each cell to that account’s region page', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    await page.goto('/accounts');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('Data impact');
    const blocked = ORG_SCENARIO_ACCOUNTS.find((account) => account.blockedRegions.length > 0 && account.access.kind === 'role')!;
    const region = blocked.blockedRegions[0]!;
    const cell = page.getByRole('link', { name: `${blocked.name} (${blocked.id}), ${region}: Blocked` });
    await expect(cell).toHaveAttribute('href', `/regions/${region}?account=${blocked.id}`);
    const clean = ORG_ACCOUNTS.clean;
    const expected = getExpectedRegions(state, clean.id);
    const enabled = Object.entries(expected).filter(([, value]) => value.isEnabled).map(([code]) => code);
    for (const code of enabled.slice(0, 5)) {
      await expect(page.getByRole('link', { name: `${clean.name} (${clean.id}), ${code}: Clean` })).toBeVisible();
    }
    const denied = ORG_ACCOUNTS.denied;
    await expect(page.getByRole('link', { name: `${denied.name} (${denied.id}), us-east-1: Unknown` })).toBeVisible();
    const suspended = ORG_ACCOUNTS.suspended;
    await expect(page.getByRole('link', { name: `${suspended.name} (${suspended.id}), us-east-1: Skipped` })).toBeVisible();
  });

  test('filters and sorts the accounts table', async ({ page, sandbox }) => {
    await resetToOrg(sandbox, page);
    await page.goto('/accounts');
    const table = page.getByRole('table', { name: 'Accounts', exact: true });
    await page.getByLabel('Verdict').selectOption('skipped');
    const skipped = ORG_SCENARIO_ACCOUNTS.filter((account) => account.state !== 'ACTIVE');
    await expect(table.getByRole('row')).toHaveCount(skipped.length + 1);
    await page.getByLabel('Verdict').selectOption('');
    await page.getByLabel('Name or id').fill(ORG_ACCOUNTS.clean.id);
    await expect(table.getByRole('row')).toHaveCount(2);
    await page.getByLabel('Name or id').fill('');
    await table.getByRole('button', { name: /^Id/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Id/ })).toHaveAttribute('aria-sort', 'ascending');
    const ids = (await table.getByRole('row').allInnerTexts()).slice(1).map((text) => /\b\d{12}\b/.exec(text)?.[0] ?? '');
    expect(ids).toEqual([...ids].sort());
  });

  test('exports the organization audit as JSON and CSV that parse', async ({ page, sandbox }) => {
    await resetToOrg(sandbox, page);
    const json = await page.request.get('/api/org-audit/export?format=json');
    expect(json.ok()).toBeTruthy();
    expect(json.headers()['content-disposition']).toContain('attachment');
    const document = (await json.json()) as { accounts: Array<{ id: string; verdict: string; regions: Record<string, string> }> };
    expect(document.accounts.map((account) => account.id).sort()).toEqual(ORG_SCENARIO_ACCOUNTS.map((account) => account.id).sort());
    expect(document.accounts.find((account) => account.id === ORG_ACCOUNTS.denied.id)?.verdict).toBe('unknown');
    const csv = await page.request.get('/api/org-audit/export?format=csv');
    expect(csv.ok()).toBeTruthy();
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^auditedAt,accountId,accountName,/);
    expect(lines).toHaveLength(ORG_SCENARIO_ACCOUNTS.length + 1);
    const suspended = lines.find((line) => line.includes(ORG_ACCOUNTS.suspended.id));
    expect(suspended).toContain('Skipped');
  });

  test('a member account’s region page and graph show that account’s windows and tasks, read through its role', async ({ page, sandbox }) => {
    const state = await resetToOrg(sandbox, page);
    const blocked = ORG_SCENARIO_ACCOUNTS.find((account) => account.blockedRegions.length > 0 && account.access.kind === 'role')!;
    const region = blocked.blockedRegions[0]!;
    const windows = Object.values(state.accounts[blocked.id]!.regions[region]!.windows);
    const expected = getExpectedRegions(state, blocked.id)[region]!;
    expect(windows.length).toBeGreaterThan(0);
    await page.goto('/accounts');
    await page.getByRole('link', { name: `${blocked.name} (${blocked.id}), ${region}: Blocked` }).click();
    await expect(page).toHaveURL(new RegExp(`/regions/${region}\\?account=${blocked.id}$`));
    await expect(page.getByRole('note').filter({ hasText: `Member account ${blocked.name} (${blocked.id})` })).toContainText(
      `arn:aws:sts::${blocked.id}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard`,
    );
    for (const window of windows) {
      const section = page.getByRole('region', { name: `Maintenance window ${window.Name}` });
      await expect(section.getByText(window.WindowId, { exact: true })).toBeVisible();
      await expect(section.getByRole('list', { name: `Tasks of ${window.Name}` }).getByRole('listitem')).toHaveCount(Object.keys(window.tasks).length);
    }
    const graph = page.getByRole('region', { name: 'Region graph' });
    // The canvas loads once it nears the screen.
    await graph.scrollIntoViewIfNeeded();
    await expect(graph.getByRole('button', { name: /^Window task / })).toHaveCount(expected.counts.tasksOnRole + expected.counts.tasksOnCustomRoles, { timeout: 20_000 });
    await expect(graph.locator('[data-count="Blockers"]')).toHaveText(String(expected.counts.tasksOnRole));

    // An account that is not in the organization is refused, not shown as the dashboard's own.
    await page.goto(`/regions/${region}?account=999999999999`);
    await expect(page.getByText('This account cannot be shown')).toBeVisible();
  });
});
