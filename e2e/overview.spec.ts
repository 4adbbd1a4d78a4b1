import AxeBuilder from '@axe-core/playwright';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { expect, SANDBOX_URL, test } from './fixtures';

// The overview answers "is the role there?" from the sandbox account, and the header always names the target.

interface StateRole {
  roleName: string;
  arn: string;
  path: string;
  roleLastUsed?: { lastUsedDate: string; region: string };
}

async function readServiceLinkedRole(state: unknown): Promise<StateRole | undefined> {
  const accounts = (state as { accounts: Record<string, { iam: { roles: Record<string, StateRole> } }> }).accounts;
  return accounts['123456789012']?.iam.roles.AWSServiceRoleForAmazonSSM;
}

test.describe('overview', () => {
  test('on demo, shows the role’s ARN, path and the region it was last used in', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    const role = await readServiceLinkedRole(await sandbox.state());
    expect(role?.roleLastUsed, 'the demo scenario records a last use').toBeTruthy();

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'The role exists' })).toBeVisible();
    await expect(page.getByText(role!.arn, { exact: true })).toBeVisible();
    await expect(page.getByText('/aws-service-role/ssm.amazonaws.com/', { exact: true })).toBeVisible();
    await expect(page.getByText(role!.roleLastUsed!.region, { exact: true })).toBeVisible();
    await expect(page.getByText('Trusts only ssm.amazonaws.com.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'What relies on it' }).getByRole('link', { name: /region audit/ })).toHaveAttribute('href', '/regions');
    // No read failure or target problem (Next's own route announcer is an empty alert region).
    await expect(page.getByRole('alert').filter({ hasText: /could not|cannot/ })).toHaveCount(0);
    // Readable date shown, ISO kept for precision.
    await expect(page.locator(`time[datetime="${new Date(role!.roleLastUsed!.lastUsedDate).toISOString()}"]`)).toHaveAttribute(
      'title',
      new Date(role!.roleLastUsed!.lastUsedDate).toISOString(),
    );
  });

  test('the header shows the target, account id and caller ARN, and the navigation reaches every section', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await page.goto('/');
    const target = page.getByRole('group', { name: 'Target' });
    await expect(target).toContainText('sandbox');
    await expect(target).toContainText('123456789012');
    await expect(target.getByTestId('caller-arn')).toHaveText(/^arn:aws:(iam|sts)::123456789012:/);

    const nav = page.getByRole('navigation', { name: 'Main' });
    const expected: Array<[string, string]> = [
      ['Overview', '/'],
      ['Role', '/role'],
      ['Regions', '/regions'],
      ['Graph', '/graph'],
      ['Delete', '/delete'],
      ['Activity', '/activity'],
    ];
    for (const [name, href] of expected) await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
    await expect(nav.getByRole('link', { name: 'Overview', exact: true })).toHaveAttribute('aria-current', 'page');

    await nav.getByRole('link', { name: 'Role', exact: true }).click();
    await expect(page).toHaveURL(/\/role$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Role and permissions' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Role', exact: true })).toHaveAttribute('aria-current', 'page');
  });

  test('on absent, says the role does not exist and what creates it', async ({ page, sandbox }) => {
    await sandbox.reset('absent');
    expect(await readServiceLinkedRole(await sandbox.state())).toBeUndefined();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'The role does not exist' })).toBeVisible();
    await expect(page.getByText('Account 123456789012 has no role named AWSServiceRoleForAmazonSSM')).toBeVisible();
    for (const cause of ['Setting up Inventory', 'Turning on Explorer', 'Quick Setup', 'maintenance-window task without its own service role']) {
      await expect(page.getByText(cause)).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'The role exists' })).toHaveCount(0);
  });

  test('a denied role read is shown in place with its error code, not as a broken page', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await sandbox.setFaults([{ service: 'iam', operation: 'GetRole', accessDenied: true }]);
    await page.goto('/');
    const failure = page.getByRole('alert').filter({ hasText: 'The role could not be read' });
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('AccessDenied');
    await expect(failure).toContainText('docs/iam/audit-policy.json');
    // The header still reads the caller: only the role read failed.
    await expect(page.getByRole('group', { name: 'Target' })).toContainText('123456789012');
    await expect(page.getByRole('heading', { name: /The role (exists|does not exist)/ })).toHaveCount(0);
  });

  test('the overview and role pages have no serious accessibility violations', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    for (const pathname of ['/', '/role']) {
      await page.goto(pathname);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('group', { name: 'Target' })).toContainText('123456789012');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${pathname}: ${violation.id} (${violation.nodes.length})`)).toEqual([]);
    }
  });

  test('a role with the name but another path is flagged as not the service-linked role', async ({ page, sandbox }) => {
    await sandbox.reset('absent');
    // The sandbox's own (non-secret) credentials, as lib/config.ts defines them.
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: SANDBOX_URL,
      credentials: { accessKeyId: 'AKIASANDBOXATLAS0001', secretAccessKey: 'sandbox-secret-not-a-real-key' },
    });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'AWSServiceRoleForAmazonSSM',
        Path: '/impostor/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    iam.destroy();

    await page.goto('/');
    const summary = page.getByRole('region', { name: 'A role with this name exists' });
    await expect(summary.getByText('Unexpected path')).toBeVisible();
    await expect(summary.getByRole('note').filter({ hasText: 'This is not the service-linked role' })).toContainText('/impostor/');
    await expect(summary.getByText('Does not let ssm.amazonaws.com assume the role', { exact: false })).toBeVisible();

    await page.goto('/role');
    await expect(page.getByRole('note').filter({ hasText: 'This is not the service-linked role' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Trust policy' }).getByText('Service: ec2.amazonaws.com', { exact: true })).toBeVisible();
    await expect(page.getByText('No managed policy is attached')).toBeVisible();
  });
});
