import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  callServerAction,
  fillRoute,
  isMutatingAction,
  mutatingCalls,
  readActionRefusal,
  readRouteHandlers,
  readServerActions,
  sandboxJson,
  startServer,
  type CallLogEntry,
  type StartedServer,
} from './trust-support';

// ATLAS_READ_ONLY=1: the dashboard shows everything and changes nothing. Every mutating action refuses on the
// server whatever the browser sends, the sandbox's state is unchanged, and the UI says why its controls are off.

const READ_ONLY_MESSAGE = 'This dashboard runs in read-only mode (ATLAS_READ_ONLY=1): it can show the role and its use, but changes nothing.';
const CHANGE_CONTROL = /^(delete|deregister|move|create|recreate|save|remove|update|start deletion|retry)/i;

let server: StartedServer;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer({ port: 3154, sandboxPort: 4654, name: 'read-only', env: { ATLAS_READ_ONLY: '1' } });
});

test.afterAll(async () => {
  await server?.stop();
});

async function resetSandbox(): Promise<unknown> {
  await sandboxJson(server.sandboxUrl, '/_sandbox/reset', { method: 'POST', body: JSON.stringify({ scenario: 'demo' }) });
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  return sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state');
}

async function expectNothingChanged(before: unknown): Promise<void> {
  const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(mutatingCalls(calls)).toEqual([]);
  expect(await sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state')).toEqual(before);
}

test('every page shows the read-only badge, which says what it means', async ({ page }) => {
  await resetSandbox();
  for (const pathname of ['/', '/role', '/regions', '/graph', '/delete', '/activity']) {
    await page.goto(`${server.url}${pathname}`);
    const badge = page.getByRole('status').filter({ hasText: 'Read-only' });
    await expect(badge, pathname).toBeVisible();
    await expect(badge).toContainText('changes nothing');
  }
});

test('the wizard’s change steps and the role page disable their controls and say why', async ({ page }) => {
  const before = await resetSandbox();
  // A stored audit, so the blockers and data steps have their lists and buttons.
  const scan = await fetch(`${server.url}/api/audit/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(scan.ok).toBe(true);
  expect(await scan.text()).toContain('"type":"finished"');
  for (const pathname of ['/delete?step=blockers', '/delete?step=data', '/delete?step=confirm', '/role']) {
    await page.goto(`${server.url}${pathname}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const reason = page.getByRole('note').filter({ hasText: 'Read-only mode.' });
    await expect(reason, pathname).toBeVisible();
    await expect(reason).toContainText('are disabled: This dashboard runs in read-only mode (ATLAS_READ_ONLY=1)');
    const guarded = page.locator('fieldset[disabled]');
    await expect(guarded, pathname).toHaveCount(1);
    await expect(guarded).toHaveAttribute('aria-describedby', 'read-only-reason');
    const controls = guarded.locator('button, input, select, textarea');
    const count = await controls.count();
    expect(count, `${pathname} has controls to disable`).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) await expect(controls.nth(index), pathname).toBeDisabled();

    // No control anywhere on the page that would change something is enabled.
    const buttons = page.getByRole('button');
    const enabledChanges: string[] = [];
    for (let index = 0; index < (await buttons.count()); index += 1) {
      const button = buttons.nth(index);
      const name = ((await button.getAttribute('aria-label')) ?? (await button.innerText())).trim();
      if (CHANGE_CONTROL.test(name) && (await button.isEnabled())) enabledChanges.push(name);
    }
    expect(enabledChanges, pathname).toEqual([]);
  }
  await expectNothingChanged(before);
});

test('every mutating server action refuses a forced request with the read-only message, changing nothing', async () => {
  const actions = readServerActions().filter((action) => action.file !== 'app/sign-in/actions.ts');
  const mutating = actions.filter(isMutatingAction);
  test.skip(mutating.length === 0, 'The build has no mutating server action yet.');
  const before = await resetSandbox();
  const sampleInputs: unknown[] = [
    {},
    {
      roleArn: 'arn:aws:iam::123456789012:role/SSMMaintenanceWindowRole',
      description: 'Changed while read-only',
      roleName: 'SSMMaintenanceWindowRole',
      isConfirmed: true,
      confirmation: 'AWSServiceRoleForAmazonSSM',
      tasks: [],
    },
  ];
  for (const action of mutating) {
    for (const input of sampleInputs) {
      const answer = await callServerAction(server.url, action, [input]);
      expect(readActionRefusal(answer), `${action.file}#${action.exportedName}: ${answer.text.slice(0, 300)}`).toBe(READ_ONLY_MESSAGE);
    }
  }
  await expectNothingChanged(before);
});

test('every mutating route handler answers 403 in read-only mode', async () => {
  const mutating = readRouteHandlers().filter((handler) => /authorizeRouteRequest\(request, \{ mutates: true \}\)/.test(readFileSync(handler.file, 'utf8')));
  test.skip(mutating.length === 0, 'No route handler changes anything.');
  const before = await resetSandbox();
  for (const handler of mutating) {
    for (const method of handler.methods.filter((candidate) => candidate !== 'GET' && candidate !== 'HEAD')) {
      const response = await fetch(`${server.url}${fillRoute(handler.route)}`, { method, headers: { Origin: server.url, 'content-type': 'application/json' }, body: '{}' });
      expect(response.status, `${method} ${handler.route}`).toBe(403);
      expect(((await response.json()) as { message: string }).message).toBe(READ_ONLY_MESSAGE);
    }
  }
  await expectNothingChanged(before);
});
