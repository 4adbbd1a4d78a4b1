import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  callServerAction,
  extraPorts,
  fillRoute,
  mutatingCalls,
  readRouteHandlers,
  readServerActions,
  sandboxJson,
  startServer,
  TEST_ACCESS_TOKEN,
  type CallLogEntry,
  type StartedServer,
} from './trust-support';

// With ATLAS_ACCESS_TOKEN set, nobody reaches the dashboard without signing in, and every server action and
// route handler refuses a request without a session by itself (not only through the proxy's redirect).
// The server listens on 127.0.0.1: access control is on whenever the token is set.

let server: StartedServer;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer({ ...extraPorts(3), name: 'access', env: { ATLAS_ACCESS_TOKEN: TEST_ACCESS_TOKEN } });
});

test.afterAll(async () => {
  await server?.stop();
});

const SESSION_ACTIONS = new Set(['signInAction', 'signOutAction']);

async function signIn(page: import('@playwright/test').Page, next = '/regions'): Promise<void> {
  await page.goto(`${server.url}${next}`);
  await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}${next}`);
}

test('a visitor without a session is sent to the sign-in page, which shows nothing of the account', async ({ page }) => {
  await page.goto(`${server.url}/regions`);
  await expect(page).toHaveURL(`${server.url}/sign-in?next=%2Fregions`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Access token')).toHaveAttribute('type', 'password');
  await expect(page.getByText('123456789012')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test('a wrong token is refused with a clear message and no cookie', async ({ page, context }) => {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Access token').fill(`${TEST_ACCESS_TOKEN.slice(0, -1)}X`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // (Next's route announcer is an alert too: pick ours by its text.)
  await expect(page.getByRole('alert').filter({ hasText: 'access token' })).toHaveText('That access token is not correct.');
  await expect(page.getByLabel('Access token')).toHaveAttribute('aria-invalid', 'true');
  expect((await context.cookies()).filter((cookie) => cookie.name === 'atlas_session')).toEqual([]);
  // The form in its error state meets WCAG 2.2 AA.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  await page.getByLabel('Access token').fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'access token' })).toContainText('Enter the access token.');
});

test('the right token signs in to the page asked for, with an HttpOnly SameSite=Strict cookie; sign-out ends it', async ({ page, context }) => {
  await signIn(page, '/regions');
  const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === 'atlas_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
  expect(cookie!.value).not.toContain(TEST_ACCESS_TOKEN);
  expect(await page.evaluate(() => document.cookie)).not.toContain('atlas_session');
  await expect(page.getByTestId('account-id')).toHaveText('123456789012');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${server.url}/sign-in`);
  expect((await context.cookies()).filter((candidate) => candidate.name === 'atlas_session')).toEqual([]);
  await page.goto(`${server.url}/role`);
  await expect(page).toHaveURL(`${server.url}/sign-in?next=%2Frole`);
});

test('a return address to another site is ignored after sign-in', async ({ page }) => {
  await page.goto(`${server.url}/sign-in?next=//evil.example/steal`);
  await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}/`);
});

test('every server action refuses a request without a session, or with a forged one, and changes nothing', async () => {
  const actions = readServerActions().filter((action) => !SESSION_ACTIONS.has(action.exportedName));
  expect(actions.length, 'server actions besides sign-in and sign-out in the build').toBeGreaterThan(0);
  await sandboxJson(server.sandboxUrl, '/_sandbox/reset', { method: 'POST', body: JSON.stringify({ scenario: 'demo' }) });
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  const before = await sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state');

  const forged = 'atlas_session=v1.1700000000.9999999999.bm9uY2U.c2lnbmF0dXJl';
  for (const action of actions) {
    for (const cookie of [undefined, forged]) {
      const answer = await callServerAction(server.url, action, [{}], cookie);
      // The proxy answers first (401, which Next's client turns into a visit to the sign-in page); each action's
      // own check behind it is proven by lib/actions/define-action.test.ts and lib/security/guard-coverage.test.ts.
      const where = `${action.file}#${action.exportedName} (${cookie ? 'forged cookie' : 'no cookie'}): ${answer.text.slice(0, 300)}`;
      expect(answer.status, where).toBe(401);
      expect(answer.text, where).toBe('Sign in first: this dashboard requires its access token.');
    }
  }

  const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(mutatingCalls(calls)).toEqual([]);
  expect(await sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state')).toEqual(before);
});

test('every route handler refuses a request without a session', async () => {
  const handlers = readRouteHandlers().filter((handler) => handler.route !== '/api/health');
  expect(handlers.length).toBeGreaterThan(0);
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  for (const handler of handlers) {
    for (const method of handler.methods) {
      const response = await fetch(`${server.url}${fillRoute(handler.route)}`, {
        method,
        headers: { 'content-type': 'application/json', Origin: server.url },
        redirect: 'manual',
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
      });
      const where = `${method} ${handler.route}`;
      if (handler.route.startsWith('/api/') || (method !== 'GET' && method !== 'HEAD')) {
        // The proxy lets these through: the handler refuses by itself.
        expect(response.status, where).toBe(401);
        if (method !== 'HEAD') expect(((await response.json()) as { message: string }).message, where).toContain('Sign in first');
      } else {
        // A page-like address (a download link) is sent to the sign-in page first; the handler's own check is
        // proven by lib/security/guard-coverage.test.ts.
        expect(response.status, where).toBe(303);
        expect(response.headers.get('location'), where).toMatch(/^\/sign-in\?next=/);
      }
    }
  }
  const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(calls).toEqual([]);
});

test('a route handler refuses a cross-site request even with a valid session', async ({ page, context }) => {
  await signIn(page, '/');
  const session = (await context.cookies()).find((cookie) => cookie.name === 'atlas_session');
  expect(session).toBeTruthy();
  const cookie = `atlas_session=${session!.value}`;
  const handler = readRouteHandlers().find((candidate) => candidate.route === '/api/audit/export');
  expect(handler, 'the audit export route in the build').toBeTruthy();

  const crossSite = await fetch(`${server.url}/api/audit/export?format=json`, {
    headers: { Cookie: cookie, Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
  });
  expect(crossSite.status).toBe(403);
  expect(((await crossSite.json()) as { message: string }).message).toContain('did not come from this dashboard');

  const sameSite = await fetch(`${server.url}/api/audit/export?format=json`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
  expect([200, 404]).toContain(sameSite.status);
});

test('a server action posted from another site is refused even with a valid session, and changes nothing', async ({ page, context }) => {
  const action = readServerActions().find((candidate) => candidate.exportedName === 'updateRoleDescriptionAction');
  expect(action, 'the description action in the build').toBeTruthy();
  await signIn(page, '/role');
  const session = (await context.cookies()).find((cookie) => cookie.name === 'atlas_session');
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  const response = await fetch(`${server.url}${action!.pagePath}`, {
    method: 'POST',
    headers: {
      'Next-Action': action!.id,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: 'http://evil.example',
      Cookie: `atlas_session=${session!.value}`,
    },
    body: JSON.stringify([{ description: 'Changed from another site' }]),
  });
  // Next.js compares Origin with Host before it runs any action.
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(await response.text()).not.toContain('"ok":true');
  const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(mutatingCalls(calls)).toEqual([]);

  // The same request from the dashboard's own origin goes through: the refusal above was the origin check.
  const own = await callServerAction(server.url, action!, [{ description: 'Changed from the dashboard' }], `atlas_session=${session!.value}`);
  expect(own.text).toContain('"ok":true');
  const after = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(mutatingCalls(after.calls).map((call) => call.operation)).toEqual(['UpdateRole']);
});
