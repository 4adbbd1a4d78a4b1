import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

// The Role page: decoded trust policy with its verdict, the managed policy's default version, every action
// grouped by service and explained, the comparison with the documented list, and the raw JSON on demand.

const referenceDir = path.join(__dirname, '..', 'lib', 'role', 'reference');
const v16 = JSON.parse(readFileSync(path.join(referenceDir, 'v16-policy.json'), 'utf8')) as { Statement: Array<{ Action: string | string[] }> };
const v16Actions = [...new Set(v16.Statement.flatMap((statement) => [statement.Action].flat()))];
const documented = [...readFileSync(path.join(referenceDir, 'seed-ssm-service-linked-role.txt'), 'utf8').matchAll(/•\s+([a-z0-9-]+:[A-Za-z]+)\s*$/gm)].map(
  (match) => match[1],
);
const addedSinceDocumented = v16Actions.filter((action) => !documented.includes(action));

test.describe('role page', () => {
  test('on demo, shows the trust verdict, the v16 default version and the actions grouped by service', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await page.goto('/role');
    await expect(page.getByRole('heading', { level: 1, name: 'Role and permissions' })).toBeVisible();

    const trust = page.getByRole('region', { name: 'Trust policy' });
    await expect(trust.getByText('Trusts only ssm.amazonaws.com.')).toBeVisible();
    await expect(trust.getByText('Service: ssm.amazonaws.com')).toBeVisible();

    const policy = page.getByRole('region', { name: 'Attached policy: AmazonSSMServiceRolePolicy' });
    await expect(policy.getByTestId('default-version')).toHaveText('v16');
    await expect(policy.getByText('Matches the published v16')).toBeVisible();
    await expect(policy.getByText(`${v16Actions.length} actions in`)).toBeVisible();

    const permissions = page.getByRole('region', { name: 'What the role may do' });
    const ssm = permissions.getByRole('region', { name: /^Systems Manager/ });
    await expect(ssm.getByRole('row', { name: /ssm:SendCommand/ })).toContainText('Maintenance Windows');
    await expect(ssm.getByRole('row', { name: /ssm:PutInventory/ })).toContainText('AWS:ComplianceItem');
    const events = permissions.getByRole('region', { name: /^Amazon EventBridge/ });
    await expect(events.getByRole('row')).toHaveCount(1 + v16Actions.filter((action) => action.startsWith('events:')).length);
    for (const action of v16Actions) await expect(permissions.getByText(action, { exact: true })).toHaveCount(1);
    await expect(permissions.getByText('Not in this dashboard’s catalogue', { exact: false })).toHaveCount(0);

    const comparison = page.getByRole('region', { name: 'Compared with the documentation' });
    await expect(comparison.getByText(`lists ${documented.length} actions; the default version v16 grants ${addedSinceDocumented.length} more`)).toBeVisible();
    await expect(comparison.getByText('Same actions as the published v16')).toBeVisible();
    await expect(comparison.getByRole('row', { name: /ssm:PutInventory/ })).toContainText('2025-07-15');
    await expect(comparison.getByRole('row')).toHaveCount(1 + addedSinceDocumented.length);

    const history = page.getByRole('region', { name: 'Version history' });
    await expect(history.getByRole('row', { name: /^v16/ })).toContainText('Default');
  });

  test('shows the raw policy JSON on demand and copies it', async ({ page, context, sandbox }) => {
    await sandbox.reset('demo');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/role');
    const toggle = page.getByRole('button', { name: 'Show raw JSON: AmazonSSMServiceRolePolicy v16' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('AmazonSSMServiceRolePolicy v16', { exact: true })).toHaveCount(0);
    await toggle.click();
    const hide = page.getByRole('button', { name: 'Hide raw JSON: AmazonSSMServiceRolePolicy v16' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    const raw = page.getByLabel('AmazonSSMServiceRolePolicy v16', { exact: true });
    await expect(raw).toContainText('"ssm:PutInventory"');
    await expect(raw).toContainText('"Version": "2012-10-17"');
    // Decoded, not the URL-encoded wire form.
    await expect(raw).not.toContainText('%22');

    await page.getByRole('button', { name: 'Copy AmazonSSMServiceRolePolicy v16' }).click();
    await expect(page.getByRole('button', { name: 'Copy AmazonSSMServiceRolePolicy v16' })).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const parsed = JSON.parse(copied) as { Statement: unknown[] };
    expect(parsed.Statement).toHaveLength(v16.Statement.length);

    await hide.click();
    await expect(raw).toHaveCount(0);

    await page.getByRole('button', { name: 'Show raw JSON: trust policy' }).click();
    await expect(page.getByLabel('trust policy', { exact: true })).toContainText('"ssm.amazonaws.com"');
  });

  test('on absent, says the role does not exist instead of showing permissions', async ({ page, sandbox }) => {
    await sandbox.reset('absent');
    await page.goto('/role');
    await expect(page.getByRole('heading', { name: 'The role does not exist' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Trust policy' })).toHaveCount(0);
    await expect(page.getByText('Registering a maintenance-window task without its own service role')).toBeVisible();
  });

  test('a policy that cannot be read is reported in place, and the trust policy is still shown', async ({ page, sandbox }) => {
    await sandbox.reset('demo');
    await sandbox.setFaults([{ service: 'iam', operation: 'GetPolicy', accessDenied: true }]);
    await page.goto('/role');
    const failure = page.getByRole('alert').filter({ hasText: 'The attached policy AmazonSSMServiceRolePolicy could not be read' });
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('AccessDenied');
    await expect(page.getByRole('region', { name: 'Trust policy' }).getByText('Trusts only ssm.amazonaws.com.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'What the role may do' })).toHaveCount(0);
  });
});
