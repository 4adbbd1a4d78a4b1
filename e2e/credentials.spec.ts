import { AWS_TARGET_URL, expect, test } from './fixtures';

// The AWS target given credentials AWS rejects: every page says what is wrong and how to fix it, never a trace.

const STACK_TRACE = /\n\s+at .+:\d+:\d+|Error: |Unhandled Runtime Error|Application error/;

test.describe('AWS target with bad credentials', () => {
  for (const pathname of ['/', '/role']) {
    test(`${pathname} names the credentials problem and the fixes, without a stack trace`, async ({ page, sandbox }) => {
      await sandbox.reset('demo');
      const response = await page.goto(`${AWS_TARGET_URL}${pathname}`);
      expect(response?.status()).toBeLessThan(500);

      const target = page.getByRole('group', { name: 'Target' });
      await expect(target).toContainText('aws');
      await expect(target).toContainText('Credentials problem');

      const problem = page.getByRole('region', { name: 'AWS rejected the credentials' });
      await expect(problem).toBeVisible();
      await expect(problem).toContainText('InvalidClientTokenId');
      await expect(problem).toContainText('AWS_PROFILE');
      await expect(problem).toContainText('aws sso login');
      await expect(problem).toContainText('AWS_ACCESS_KEY_ID');
      await expect(problem).toContainText('ATLAS_TARGET=sandbox');
      await expect(page.getByRole('alert').filter({ hasText: 'cannot read the target account' })).toBeVisible();

      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(STACK_TRACE);
      // Nothing about the role is claimed while the account cannot be read.
      await expect(page.getByRole('heading', { name: /The role (exists|does not exist)/ })).toHaveCount(0);
    });
  }
});
