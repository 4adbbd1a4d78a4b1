import type { Page } from '@playwright/test';
import { expect, runAuditThroughApi, SANDBOX_URL, test } from './fixtures';

// Evidence of use on demo: the role page and the regions page against the sandbox's own event history
// (/_sandbox/state), computed here independently of the dashboard's code.

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;
const CUSTOM_ROLE = 'AtlasMaintenanceWindowRole';

interface RawEvent {
  record: { eventID: string; eventTime: string; eventName: string; requestParameters: { roleArn?: string } | null };
  resources: Array<{ ResourceType: string; ResourceName: string }>;
}
interface RawState {
  accounts: Record<
    string,
    {
      cloudTrail?: Record<string, RawEvent[]>;
      regions: Record<string, { windows: Record<string, { Enabled: boolean; tasks: Record<string, { Name?: string; ServiceRoleArn?: string }> }>; associations: Record<string, { Name: string; Targets: Array<{ Key: string }> }> }>;
    }
  >;
}

function roleUses(state: RawState): Array<{ region: string; time: string; id: string }> {
  const uses = [];
  for (const [region, events] of Object.entries(state.accounts[ACCOUNT]?.cloudTrail ?? {})) {
    for (const event of events) {
      if (event.record.eventName === 'AssumeRole' && event.record.requestParameters?.roleArn === ROLE_ARN) uses.push({ region, time: event.record.eventTime, id: event.record.eventID });
    }
  }
  return uses.sort((left, right) => Date.parse(right.time) - Date.parse(left.time));
}

/** Tasks that run as the service-linked role: without a role of their own, or naming it. */
function tasksOnTheRole(state: RawState): Array<{ region: string; name?: string }> {
  return Object.entries(state.accounts[ACCOUNT]!.regions).flatMap(([region, regionState]) =>
    Object.values(regionState.windows).flatMap((window) =>
      Object.values(window.tasks)
        .filter((task) => !task.ServiceRoleArn || task.ServiceRoleArn === ROLE_ARN)
        .map((task) => ({ region, name: task.Name })),
    ),
  );
}

/** Runs an audit through its stream and answers the stored audit's id, to open the preflight on that audit. */
async function auditAndGetId(page: Page): Promise<string> {
  const response = await page.request.post('/api/audit/stream?view=overview', { timeout: 240_000 });
  expect(response.ok()).toBeTruthy();
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines.at(-1) ?? '{}') as { type?: string; audit?: { id?: string } };
  expect(last.type).toBe('finished');
  expect(typeof last.audit?.id).toBe('string');
  return last.audit!.id!;
}

test.describe('evidence of use', () => {
  test('the role page shows the last use and the timeline the sandbox recorded', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const state = (await sandbox.state()) as RawState;
    const uses = roleUses(state);
    const newest = uses[0]!;
    const evidence = page.getByRole('region', { name: 'Evidence of use' });
    // The dashboard reuses a collection for 10 s: reload until it is one made after this test's reset.
    await expect(async () => {
      await page.goto('/role');
      await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(newest.time).toISOString(), { timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    await expect(evidence.getByTestId('evidence-last-use')).toContainText(`in ${newest.region}`);

    const timeline = page.getByRole('region', { name: 'CloudTrail timeline' });
    await timeline.getByLabel('Filter the timeline by event').selectOption('AssumeRole');
    for (const region of new Set(uses.map((use) => use.region))) {
      await timeline.getByLabel('Filter the timeline by region').selectOption(region);
      const expected = uses.filter((use) => use.region === region);
      await expect(timeline.locator('tbody tr')).toHaveCount(expected.length);
      await expect(timeline.locator('tbody tr').first()).toHaveAttribute('data-event-id', expected[0]!.id);
    }
  });

  test('a region with role use but no configuration is flagged “used, cause not found”', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const state = (await sandbox.state()) as RawState;
    const account = state.accounts[ACCOUNT]!;
    const usedRegions = new Set(roleUses(state).map((use) => use.region));
    const unexplained = [...usedRegions].filter((code) => {
      const region = account.regions[code];
      const hasTask = Object.values(region?.windows ?? {}).some((window) => Object.values(window.tasks).some((task) => !task.ServiceRoleArn || task.ServiceRoleArn === ROLE_ARN));
      const hasInventory = Object.values(region?.associations ?? {}).some(
        (association) => association.Name === 'AWS-GatherSoftwareInventory' && association.Targets.some((target) => target.Key.startsWith('tag:') || target.Key === 'resource-groups:Name'),
      );
      return !hasTask && !hasInventory;
    });
    expect(unexplained.length).toBeGreaterThan(0);
    await runAuditThroughApi(page);
    await page.goto('/regions');
    const table = page.getByRole('region', { name: 'Evidence of use per region' });
    for (const code of unexplained) await expect(table.locator(`tr[data-region="${code}"]`)).toContainText('used, cause not found', { timeout: 30_000 });
    await expect(table.getByText('used, cause not found')).toHaveCount(unexplained.length);
  });

  test('the wizard’s preflight states the last use plainly, as the sandbox recorded it', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const newest = roleUses((await sandbox.state()) as RawState)[0]!;
    const evidence = page.getByRole('region', { name: 'Evidence of use' });
    await expect(async () => {
      await page.goto('/delete?step=preflight');
      await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(newest.time).toISOString(), { timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    await expect(evidence.getByTestId('preflight-evidence')).toHaveText(new RegExp(`^Assumed by Systems Manager .+ ago in ${newest.region}\\.$`));
  });

  test('after the wizard moves every task off the role and no new use is recorded, the preflight shows the same last use', async ({ page, sandbox }) => {
    test.setTimeout(180_000);
    await sandbox.reset('demo');
    const initial = (await sandbox.state()) as RawState;
    const lastUse = roleUses(initial)[0]!;
    const onTheRole = tasksOnTheRole(initial);
    expect(onTheRole.length).toBeGreaterThan(0);

    await runAuditThroughApi(page);
    await page.goto('/delete?step=blockers');
    await page.getByLabel('Custom role', { exact: true }).selectOption({ label: CUSTOM_ROLE });
    const boxes = page.getByLabel(/^Select task /);
    await expect(boxes).toHaveCount(onTheRole.length);
    for (let index = 0; index < onTheRole.length; index += 1) await boxes.nth(index).check();
    await page.getByRole('button', { name: `Move selected (${onTheRole.length})` }).click();
    await page.getByRole('button', { name: 'Confirm move' }).click();
    await expect(page.getByText(`${onTheRole.length} of ${onTheRole.length} tasks cleaned up.`)).toBeVisible({ timeout: 60_000 });

    // The sandbox agrees: no task runs as the role any more, and nothing assumed the role meanwhile.
    const after = (await sandbox.state()) as RawState;
    expect(tasksOnTheRole(after)).toEqual([]);
    expect(roleUses(after)[0]).toEqual(lastUse);

    // The preflight's evidence is collected again after the moves (the sandbox logs its lookups), and still shows
    // the last use the sandbox recorded before them, without any "used after the last audit" warning.
    const evidence = page.getByRole('region', { name: 'Evidence of use' });
    await expect(async () => {
      await sandbox.clearCalls();
      await page.goto('/delete?step=preflight');
      await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(lastUse.time).toISOString(), { timeout: 5_000 });
      expect((await sandbox.calls()).some((call) => call.operation === 'LookupEvents')).toBe(true);
    }).toPass({ timeout: 60_000 });
    await page.reload();
    await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(lastUse.time).toISOString());
    await expect(evidence.getByTestId('preflight-evidence')).toContainText(`in ${lastUse.region}.`);
    await expect(evidence.getByText('Used after the last audit')).toHaveCount(0);
  });

  test('the preflight warns when the sandbox records a use of the role after the last audit', async ({ page, sandbox }) => {
    test.setTimeout(120_000);
    await sandbox.reset('demo');
    const auditId = await auditAndGetId(page);
    const evidence = page.getByRole('region', { name: 'Evidence of use' });
    const before = roleUses((await sandbox.state()) as RawState)[0]!;
    await expect(async () => {
      await page.goto(`/delete?step=preflight&audit=${auditId}`);
      await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(before.time).toISOString(), { timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    await expect(evidence.getByText('Used after the last audit')).toHaveCount(0);

    // CloudTrail records times to the second: the new use falls in a later second than the audit's end.
    await page.waitForTimeout(1_100);
    const recorded = await page.request.post(`${SANDBOX_URL}/_sandbox/role-use`, { data: { region: 'eu-west-1' } });
    expect(recorded.ok()).toBeTruthy();
    const newest = roleUses((await sandbox.state()) as RawState)[0]!;
    expect(newest.id).toBe(((await recorded.json()) as { eventId: string }).eventId);
    expect(newest.region).toBe('eu-west-1');
    expect(Date.parse(newest.time)).toBeGreaterThan(Date.parse(before.time));

    // The dashboard reuses a collection for 10 s: reload until it is one made after the new use.
    await expect(async () => {
      await page.goto(`/delete?step=preflight&audit=${auditId}`);
      await expect(evidence.locator('time').first()).toHaveAttribute('datetime', new Date(newest.time).toISOString(), { timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    const warning = evidence.getByRole('note').filter({ hasText: 'Used after the last audit' });
    await expect(warning).toBeVisible();
    await expect(warning.locator(`time[datetime="${new Date(newest.time).toISOString()}"]`)).toBeVisible();
    await expect(evidence.getByTestId('preflight-evidence')).toContainText('in eu-west-1.');
  });

  test('the graph shows each drawn region’s last use, and its capability the newest, as the sandbox recorded them', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const state = (await sandbox.state()) as RawState;
    const uses = roleUses(state);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const day = (iso: string) => `${new Date(iso).getUTCDate()} ${months[new Date(iso).getUTCMonth()]}`;
    // Regions drawn with maintenance windows, and used: the newest use of each.
    const drawn = Object.entries(state.accounts[ACCOUNT]!.regions)
      .filter(([, region]) => Object.keys(region.windows).length > 0)
      .map(([code]) => ({ code, newest: uses.find((use) => use.region === code) }))
      .filter((region): region is { code: string; newest: { region: string; time: string; id: string } } => region.newest !== undefined);
    expect(drawn.length).toBeGreaterThan(1);
    await runAuditThroughApi(page);
    const newestWindows = drawn.map((region) => region.newest.time).sort().at(-1)!;
    const newestRegion = drawn.find((region) => region.newest.time === newestWindows)!.code;
    const capability = page.getByRole('button', { name: new RegExp(`^Capability \\S.* Maintenance Windows used ${day(newestWindows)} · `) });
    const details = page.getByRole('complementary', { name: 'Maintenance Windows' });
    // The graph shows the evidence already collected (the audit collects it alongside): reload until it is this
    // reset's, to the second.
    await expect(async () => {
      await page.goto('/graph');
      await capability.click({ timeout: 5_000 });
      await expect(details).toContainText(`${new Date(newestWindows).toISOString()} in ${newestRegion}: assumed by Systems Manager`, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    for (const region of drawn) {
      await expect(page.getByRole('button', { name: new RegExp(`^Region \\S.* ${region.code} used ${day(region.newest.time)} · `) })).toBeVisible();
    }
    // The one-region graph on a region's page carries the same last use.
    const [first] = drawn;
    await page.goto(`/regions/${first!.code}`);
    const section = page.getByRole('region', { name: 'Region graph' });
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('button', { name: new RegExp(`^Region \\S.* ${first!.code} used ${day(first!.newest.time)} · `) })).toBeVisible();
  });
});
