import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DASHBOARD_PAGES } from '../test-support/dashboard-pages';
import { expect, test } from './fixtures';

// Every page of the dashboard, checked with axe against WCAG 2.0, 2.1 and 2.2 A and AA: no serious or critical
// violation. The audit runs first, so the pages show real findings rather than empty states.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Every page, plus a region that is not enabled and each step of the wizard.
const PAGES = [...DASHBOARD_PAGES, '/regions/af-south-1', '/delete?step=blockers', '/delete?step=data', '/delete?step=confirm'];

async function findSeriousViolations(page: Page): Promise<string[]> {
  // Target size included, the graph's nodes too: a fit never zooms out below the size where they keep 24 × 24 px.
  const everything = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return everything.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')}`);
}

test.describe('accessibility', () => {
  test.beforeAll(async ({ request }) => {
    // A finished audit, so every page has content to check.
    const response = await request.post('/api/audit/stream', { headers: { 'content-type': 'application/json' }, data: '{}', timeout: 120_000 });
    expect(response.ok()).toBe(true);
    await response.text();
  });

  for (const pathname of PAGES) {
    test(`${pathname} has no serious or critical WCAG 2.2 AA violation`, async ({ page, sandbox }) => {
      await sandbox.reset('demo');
      await page.goto(pathname);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState('load');
      expect(await findSeriousViolations(page)).toEqual([]);
    });
  }
});
