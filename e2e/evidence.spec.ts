import { expect, runAuditThroughApi, test } from './fixtures';

// Evidence of use on demo: the role page and the regions page against the sandbox's own event history
// (/_sandbox/state), computed here independently of the dashboard's code.

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;

interface RawEvent {
  record: { eventID: string; eventTime: string; eventName: string; requestParameters: { roleArn?: string } | null };
  resources: Array<{ ResourceType: string; ResourceName: string }>;
}
interface RawState {
  accounts: Record<
    string,
    {
      cloudTrail?: Record<string, RawEvent[]>;
      regions: Record<string, { windows: Record<string, { Enabled: boolean; tasks: Record<string, { ServiceRoleArn?: string }> }>; associations: Record<string, { Name: string; Targets: Array<{ Key: string }> }> }>;
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
});
