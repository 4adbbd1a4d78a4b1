import { expect, test } from '@playwright/test';
import {
  extraPorts,
  findStaticAsset,
  rawRequest,
  readPages,
  readServerActions,
  sandboxJson,
  startServer,
  TEST_ACCESS_TOKEN,
  type StartedServer,
} from './trust-support';

// The trust boundary as an attacker meets it: a page on another site that rebinds its name to 127.0.0.1 (DNS
// rebinding), a network neighbour without a token trying every method and header on every page, a return
// address that leads off the site, a guesser, and a cookie that outlives its sign-out.

const ACCOUNT_ID = '123456789012';
const REBIND_HOST = 'rebind.attacker.example';
const ALLOWED_NAME = 'atlas.test';

let open: StartedServer;
let guarded: StartedServer;
let roleId: string;

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

interface RawState {
  accounts: Record<string, { iam: { roles: Record<string, { roleId: string; description?: string }> } }>;
}

async function readRole(server: StartedServer): Promise<{ roleId: string; description?: string }> {
  const state = await sandboxJson<RawState>(server.sandboxUrl, '/_sandbox/state');
  return state.accounts[ACCOUNT_ID]!.iam.roles['AWSServiceRoleForAmazonSSM']!;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Loopback, no token (the default set-up), with one extra name allowed; and loopback with a token.
  open = await startServer({ ...extraPorts(6), name: 'rebind-open', env: { ATLAS_ALLOWED_HOSTS: ALLOWED_NAME } });
  guarded = await startServer({ ...extraPorts(7), name: 'rebind-guarded', env: { ATLAS_ACCESS_TOKEN: TEST_ACCESS_TOKEN } });
  roleId = (await readRole(open)).roleId;
  expect(roleId).toMatch(/^AROA/);
});

test.afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

function hostOf(server: StartedServer, name: string): string {
  return `${name}:${server.port}`;
}

function expectNoAccountData(text: string, where: string): void {
  expect(text.includes(ACCOUNT_ID), `${where} shows the account id`).toBe(false);
  expect(text.includes(roleId), `${where} shows the role id`).toBe(false);
}

test('DNS rebinding: a foreign Host is refused on a page, an action POST, a route handler and a static file, with and without a token', async () => {
  const updateDescription = readServerActions().find((action) => action.exportedName === 'updateRoleDescriptionAction');
  expect(updateDescription, 'the build has the description action').toBeTruthy();
  const asset = findStaticAsset();
  for (const server of [open, guarded]) {
    const host = hostOf(server, REBIND_HOST);
    const origin = `http://${host}`;
    const before = await readRole(server);
    const attempts: Array<{ what: string; method: string; path: string; headers: Record<string, string>; body?: string }> = [
      { what: 'page', method: 'GET', path: '/role', headers: {} },
      {
        what: 'action POST',
        method: 'POST',
        path: '/role',
        headers: { 'Next-Action': updateDescription!.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: origin },
        body: JSON.stringify([{ description: 'Changed through DNS rebinding' }]),
      },
      { what: 'route handler', method: 'GET', path: '/activity/export?format=json', headers: { Origin: origin } },
      { what: 'static file', method: 'GET', path: asset, headers: {} },
    ];
    for (const attempt of attempts) {
      const answer = await rawRequest(`${server.url}${attempt.path}`, { method: attempt.method, headers: { Host: host, ...attempt.headers }, body: attempt.body });
      const where = `${attempt.what} on ${server === open ? 'no token' : 'token'}`;
      expect(answer.status, where).toBe(421);
      expect(answer.text, where).toBe('Refused: this server does not answer to that host name.');
      expect(String(answer.headers['content-type']), where).toContain('text/plain');
    }
    // X-Forwarded-Host cannot pass a foreign name off either.
    const forwarded = await rawRequest(`${server.url}/role`, { headers: { Host: `127.0.0.1:${server.port}`, 'X-Forwarded-Host': REBIND_HOST } });
    expect(forwarded.status).toBe(421);
    expect(await readRole(server)).toEqual(before);
  }
});

test('DNS rebinding: a name in ATLAS_ALLOWED_HOSTS, and loopback, go through', async () => {
  const asset = findStaticAsset();
  for (const host of [hostOf(open, ALLOWED_NAME), `localhost:${open.port}`, `127.0.0.1:${open.port}`]) {
    const page = await rawRequest(`${open.url}/role`, { headers: { Host: host } });
    expect(page.status, host).toBe(200);
    expect(page.text, host).toContain(ACCOUNT_ID);
    expect((await rawRequest(`${open.url}${asset}`, { headers: { Host: host } })).status, host).toBe(200);
    expect((await rawRequest(`${open.url}/activity/export?format=json`, { headers: { Host: host } })).status, host).toBe(200);
  }
});

test('page gate: with a token and no session, no page answers with account data, whatever the method and headers', async () => {
  const pages = readPages().filter((pathname) => pathname !== '/sign-in');
  expect(pages.length, 'the app has pages to try').toBeGreaterThan(0);
  const variants: Array<{ name: string; method: string; headers: Record<string, string>; body?: string }> = [
    { name: 'GET', method: 'GET', headers: {} },
    { name: 'POST text/plain', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' },
    { name: 'POST form', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
    { name: 'POST JSON', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
    { name: 'Next-Action bogus id', method: 'POST', headers: { 'Next-Action': 'x', 'Content-Type': 'text/plain;charset=UTF-8' }, body: '[]' },
    { name: 'Next-Action bogus hex id', method: 'POST', headers: { 'Next-Action': '7f'.repeat(21), 'Content-Type': 'text/plain;charset=UTF-8' }, body: '[]' },
    { name: 'RSC: 1', method: 'GET', headers: { RSC: '1' } },
  ];
  for (const pathname of pages) {
    for (const variant of variants) {
      const where = `${variant.name} ${pathname}`;
      const answer = await rawRequest(`${guarded.url}${pathname}`, {
        method: variant.method,
        headers: { Host: `127.0.0.1:${guarded.port}`, Origin: guarded.url, ...variant.headers },
        body: variant.body,
      });
      expectNoAccountData(answer.text, where);
      expectSignInOrRefusal(answer, where);
    }
  }
});

/** The sign-in redirect, or a 401/403: never Next's own answer to an action id (a 400 or 404), never a page. */
function expectSignInOrRefusal(answer: { status: number; headers: Record<string, string | string[] | undefined> }, where: string): void {
  const isSignInRedirect = [303, 307].includes(answer.status) && String(answer.headers.location).startsWith('/sign-in');
  expect(isSignInRedirect || [401, 403].includes(answer.status), `${where}: ${answer.status}`).toBe(true);
}

test('a genuine server action works from a signed-in page; once the session has ended, the same action sends the page to sign-in and changes nothing', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${guarded.url}/sign-in?next=%2Frole`);
    await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${guarded.url}/role`);
    const description = `Saved by a signed-in visitor ${Date.now()}`;
    await page.getByLabel('Role description').fill(description);
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();
    expect((await readRole(guarded)).description).toBe(description);

    // End every session behind the page's back (as a sign-out in another browser does), then act again.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${guarded.url}/sign-in`);
    await otherPage.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
    await otherPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(otherPage).toHaveURL(`${guarded.url}/`);
    await otherPage.getByRole('button', { name: 'Sign out' }).click();
    await expect(otherPage).toHaveURL(`${guarded.url}/sign-in`);
    await other.close();

    await page.getByLabel('Role description').fill('Changed after the session ended');
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect(page).toHaveURL(`${guarded.url}/sign-in?next=%2Frole`);
    expect((await readRole(guarded)).description).toBe(description);
  } finally {
    await context.close();
  }
});

test('a well-signed cookie that sign-out ended shows no page and reaches no action', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const signIn = async (context: typeof first) => {
      const page = await context.newPage();
      await page.goto(`${guarded.url}/sign-in?next=%2Frole`);
      await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${guarded.url}/role`);
      return page;
    };
    const mine = await signIn(first);
    const other = await signIn(second);
    const [stolen] = (await second.cookies()).filter((cookie) => cookie.name === 'atlas_session');
    expect(stolen).toBeTruthy();

    await mine.getByRole('button', { name: 'Sign out' }).click();
    await expect(mine).toHaveURL(`${guarded.url}/sign-in`);

    // The other browser is signed out too: its next page asks for the token.
    await other.goto(`${guarded.url}/regions`);
    await expect(other).toHaveURL(/\/sign-in/);
    // And the cookie, replayed by hand on every page with every kind of request, shows nothing.
    for (const pathname of readPages().filter((candidate) => candidate !== '/sign-in')) {
      const variants: Array<{ method: string; headers: Record<string, string>; body?: string }> = [
        { method: 'GET', headers: {} },
        { method: 'GET', headers: { RSC: '1' } },
        { method: 'POST', headers: { 'Next-Action': '7f'.repeat(21), 'Content-Type': 'text/plain;charset=UTF-8', Origin: guarded.url }, body: '[]' },
      ];
      for (const variant of variants) {
        const answer = await rawRequest(`${guarded.url}${pathname}`, {
          method: variant.method,
          headers: { Host: `127.0.0.1:${guarded.port}`, Cookie: `atlas_session=${stolen!.value}`, ...variant.headers },
          body: variant.body,
        });
        const where = `${variant.method} ${JSON.stringify(variant.headers)} ${pathname} with an ended session`;
        expectNoAccountData(answer.text, where);
        expectSignInOrRefusal(answer, where);
      }
    }
  } finally {
    await first.close();
    await second.close();
  }
});

test('sign-in never sends the visitor to another site, however the return address is written', async ({ page }) => {
  for (const next of ['/..//evil.example/x', '/%2e%2e//evil.example/x', '//evil.example/steal', '/.//evil.example']) {
    await page.context().clearCookies();
    await page.goto(`${guarded.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page, next).toHaveURL(`${guarded.url}/`);
    // Signed in, the sign-in page offers a Continue link: it stays on the site too.
    await page.goto(`${guarded.url}/sign-in?next=${encodeURIComponent(next)}`);
    const href = await page.getByRole('link', { name: 'Continue' }).getAttribute('href');
    expect(new URL(href!, guarded.url).origin, next).toBe(guarded.url);
  }
});

test('failed sign-ins close sign-in for everybody for a growing delay, the right token included', async ({ page }) => {
  await page.context().clearCookies();
  await page.goto(`${guarded.url}/sign-in`);
  const alert = page.getByRole('alert').filter({ hasText: /access token/ });
  const answers: string[] = [];
  let closedForSeconds = 0;
  // Wrong guesses until sign-in is closed for a few seconds: each counted failure past the free ones doubles it.
  for (let attempt = 0; attempt < 12 && closedForSeconds < 3; attempt += 1) {
    await page.getByLabel('Access token').fill(`wrong-guess-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    const text = (await alert.textContent()) ?? '';
    answers.push(text);
    closedForSeconds = Number(/closed for (\d+) more second/.exec(text)?.[1] ?? 0);
    // A guess while closed is not counted: wait for the short delays to pass, so the next guess is.
    if (closedForSeconds > 0 && closedForSeconds < 3) await page.waitForTimeout(closedForSeconds * 1_000 + 300);
  }
  expect(answers.slice(0, 5), 'the first mistakes are only refused').toEqual(Array(5).fill('That access token is not correct.'));
  expect(closedForSeconds, answers.join(' | ')).toBeGreaterThanOrEqual(3);
  // While closed, the right token is not even checked.
  await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toContainText('Too many wrong access tokens: sign-in is closed for');
  await expect(page).toHaveURL(`${guarded.url}/sign-in`);
  // Once the delay has passed, the right token works again.
  const reopensIn = Number(/closed for (\d+) more second/.exec((await alert.textContent()) ?? '')?.[1] ?? 0);
  await page.waitForTimeout(reopensIn * 1_000 + 500);
  await page.getByLabel('Access token').fill(TEST_ACCESS_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${guarded.url}/`);
});
