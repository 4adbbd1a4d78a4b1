import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

// The activity log: every attempted change, succeeded, failed or refused, listed newest first, filterable and
// exportable as CSV and JSON.

interface ExportedEntry {
  time: string;
  operation: string;
  result: string;
  subject: string;
  callerArn: string;
  accountId: string;
  target: string;
  message: string;
  parameters: Record<string, unknown>;
}

test.describe('activity log', () => {
  test('records a refused, a failed and a successful change, newest first, with filters and exports', async ({ page, sandbox }) => {
    await sandbox.reset('absent');
    const marker = `Checked ${Date.now()}`;

    // Refused: an overlong description on create.
    await page.goto('/');
    await expect(async () => {
      await page.getByLabel('Description (optional)').fill('z'.repeat(1001));
      await expect(page.getByText('1001 / 1000 characters')).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'at most 1000 characters' })).toBeVisible();

    // Failed: the role appears behind the page's back, so IAM answers "has been taken"; the page explains it.
    await sandbox.reset('demo');
    await page.getByLabel('Description (optional)').fill(marker);
    await page.getByRole('button', { name: 'Create the role', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toContainText('has been taken');

    // Succeeded: a description change.
    await page.goto('/role');
    // Filled again until the form has hydrated and counts the new text.
    await expect(async () => {
      await page.getByLabel('Role description').fill(marker);
      await expect(page.getByText(`${marker.length} / 1000 characters`)).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await page.getByRole('button', { name: 'Save description', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();

    await page.goto('/activity');
    const table = page.getByRole('table', { name: 'Activity log, newest first' });
    const rows = table.getByRole('row');
    await expect(rows.nth(1)).toContainText('UpdateRole');
    await expect(rows.nth(1)).toContainText('succeeded');
    await expect(rows.nth(2)).toContainText('CreateServiceLinkedRole');
    await expect(rows.nth(2)).toContainText('failed');
    await expect(rows.nth(3)).toContainText('CreateServiceLinkedRole');
    await expect(rows.nth(3)).toContainText('refused');
    await expect(rows.nth(1)).toContainText('arn:aws:iam::123456789012:user/');

    // Filter on refusals only.
    await page.getByLabel('Result').selectOption('refused');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/result=refused/);
    const refusedRows = table.getByRole('row');
    const refusedCount = (await refusedRows.count()) - 1;
    expect(refusedCount).toBeGreaterThan(0);
    for (let index = 1; index <= refusedCount; index += 1) {
      await expect(refusedRows.nth(index)).toContainText('refused');
    }

    // CSV export through the page's link (filtered like the page).
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^atlas-activity-.*\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,target,accountId,callerArn,region,operation,subject,result,message,requestId,parameters');
    expect(lines.length - 1).toBe(refusedCount);
    expect(lines.slice(1).every((line) => line.includes(',refused,'))).toBe(true);

    // JSON export: everything, newest first, with who and where.
    const response = await page.request.get('/activity/export?format=json');
    expect(response.headers()['content-disposition']).toMatch(/attachment; filename="atlas-activity-.*\.json"/);
    const { entries } = (await response.json()) as { entries: ExportedEntry[] };
    const times = entries.map((entry) => entry.time);
    expect([...times].sort().reverse()).toEqual(times);
    const [latest] = entries;
    expect(latest).toMatchObject({ operation: 'UpdateRole', result: 'succeeded', target: 'sandbox', accountId: '123456789012' });
    expect(latest?.parameters).toMatchObject({ RoleName: 'AWSServiceRoleForAmazonSSM', Description: marker });
    const refusedCreate = entries.find((entry) => entry.operation === 'CreateServiceLinkedRole' && entry.result === 'refused');
    expect(refusedCreate?.parameters).toMatchObject({ descriptionLength: 1001 });

    const bad = await page.request.get('/activity/export?format=xml');
    expect(bad.status()).toBe(400);
  });
});
