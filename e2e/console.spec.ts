import type { Page } from '@playwright/test';
import { DASHBOARD_PAGES } from '../test-support/dashboard-pages';
import { expect, runAuditThroughApi, test } from './fixtures';

// Every page loads without a single console error or uncaught exception: a missing favicon, a failed chunk, a
// hydration mismatch or a CSP refusal each shows up here. The audit runs first, so the pages draw real findings.

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

test.describe('console', () => {
  test('the favicon is served as an icon', async ({ request }) => {
    const response = await request.get('/favicon.ico');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\//);
    expect((await response.body()).byteLength).toBeGreaterThan(0);
  });

  for (const pathname of DASHBOARD_PAGES) {
    test(`${pathname} logs no console error`, async ({ page, sandbox }) => {
      await sandbox.reset('demo');
      await runAuditThroughApi(page);
      const errors = collectErrors(page);
      await page.goto(pathname);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
      // Whatever the page fetches after it has loaded (the graph canvas, the favicon) has arrived by now.
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
    });
  }
});
