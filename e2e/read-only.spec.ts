import { expect, test } from '@playwright/test';
import { SANDBOX_URL } from './fixtures';
import {
  buildChangeInput,
  callServerAction,
  extraPorts,
  fillRoute,
  mutatingCalls,
  readActionRefusal,
  readRouteHandlers,
  readServerActions,
  sandboxJson,
  startServer,
  type CallLogEntry,
  type StartedServer,
  withoutReportJobs,
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
  server = await startServer({ ...extraPorts(4), name: 'read-only', env: { ATLAS_READ_ONLY: '1' } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** The account's state as a "nothing changed" check compares it (see `withoutReportJobs`). */
async function readAccountState(): Promise<unknown> {
  return withoutReportJobs(await sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state'));
}

async function resetSandbox(): Promise<unknown> {
  await sandboxJson(server.sandboxUrl, '/_sandbox/reset', { method: 'POST', body: JSON.stringify({ scenario: 'demo' }) });
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  return readAccountState();
}

async function expectNothingChanged(before: unknown): Promise<void> {
  const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(server.sandboxUrl, '/_sandbox/calls');
  expect(mutatingCalls(calls)).toEqual([]);
  expect(await readAccountState()).toEqual(before);
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

test('no server action of the build changes anything in read-only mode, whatever it is sent', async () => {
  // Decided by behaviour: every action in the build's manifest is called, mutating or not, with input that would
  // change the account (the control below proves it does, with read-only mode off).
  const actions = readServerActions().filter((action) => action.file !== 'app/sign-in/actions.ts');
  expect(actions.length, 'the build has server actions to call').toBeGreaterThan(0);
  await resetSandbox();
  // A stored audit, so that the clean-up actions would find their task, association and sync.
  const scan = await fetch(`${server.url}/api/audit/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(await scan.text()).toContain('"type":"finished"');
  await sandboxJson(server.sandboxUrl, '/_sandbox/calls', { method: 'DELETE' });
  const state = await sandboxJson<unknown>(server.sandboxUrl, '/_sandbox/state');
  const before = withoutReportJobs(state);
  const change = buildChangeInput(state);
  let refusals = 0;
  for (const action of actions) {
    for (const input of [{}, change]) {
      const answer = await callServerAction(server.url, action, [input]);
      expect(answer.status, `${action.file}#${action.exportedName}`).toBeLessThan(500);
      if (readActionRefusal(answer) === READ_ONLY_MESSAGE) refusals += 1;
    }
  }
  await expectNothingChanged(before);
  // The refusals come from the server itself, with the message the UI shows.
  expect(refusals).toBeGreaterThan(0);
});

test('control: the same input does change the account through those actions when read-only mode is off', async ({ baseURL }) => {
  const actions = readServerActions().filter((action) => action.file !== 'app/sign-in/actions.ts');
  const changed: string[] = [];
  for (const action of actions) {
    await sandboxJson(SANDBOX_URL, '/_sandbox/reset', { method: 'POST', body: JSON.stringify({ scenario: 'demo' }) });
    // A fresh audit, since the clean-up actions act only on what the last audit found.
    const scan = await fetch(`${baseURL}/api/audit/stream`, { method: 'POST', headers: { 'content-type': 'application/json', Origin: baseURL! }, body: '{}' });
    expect(await scan.text()).toContain('"type":"finished"');
    await sandboxJson(SANDBOX_URL, '/_sandbox/calls', { method: 'DELETE' });
    const change = buildChangeInput(await sandboxJson<unknown>(SANDBOX_URL, '/_sandbox/state'));
    await callServerAction(baseURL!, action, [change]);
    const { calls } = await sandboxJson<{ calls: CallLogEntry[] }>(SANDBOX_URL, '/_sandbox/calls');
    if (mutatingCalls(calls).length > 0) changed.push(action.exportedName);
  }
  expect(changed.sort()).toEqual(
    [
      'createMaintenanceWindowRoleAction',
      'createServiceLinkedRoleAction',
      'deregisterTasksAction',
      'moveTasksToRoleAction',
      'removeDataSyncAction',
      'removeInventoryAssociationAction',
      'startDeletionAction',
      'updateRoleDescriptionAction',
    ].filter((name) => actions.some((action) => action.exportedName === name)),
  );
  await sandboxJson(SANDBOX_URL, '/_sandbox/reset', { method: 'POST', body: JSON.stringify({ scenario: 'demo' }) });
});

test('no route handler changes anything in read-only mode, whatever method and body it is sent', async () => {
  const handlers = readRouteHandlers();
  expect(handlers.length, 'the app has route handlers to call').toBeGreaterThan(0);
  const before = await resetSandbox();
  for (const handler of handlers) {
    expect(handler.methods.length, handler.file).toBeGreaterThan(0);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const hasBody = method !== 'GET';
      const response = await fetch(`${server.url}${fillRoute(handler.route)}`, {
        method,
        headers: { Origin: server.url, 'content-type': 'application/json' },
        ...(hasBody ? { body: JSON.stringify(buildChangeInput(before)) } : {}),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      expect(response.status, `${method} ${handler.route}`).toBeLessThan(500);
    }
  }
  await expectNothingChanged(before);
});
