import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  callServerAction,
  fillRoute,
  mutatingCalls,
  readActionRefusal,
  readRouteHandlers,
  readServerActions,
  type ServerActionReference,
} from './trust-support';

// Bad input gets a clear message and changes nothing: every server action of the build and every route handler
// is sent wrong types, overlong strings, unknown regions, ids of the wrong shape, ARNs of another account and
// missing fields. Each answers with a refusal naming the problem, never a server error, and the sandbox's
// state and call log show no change.

const VALID_TASK = {
  arn: 'arn:aws:ssm:us-east-1:123456789012:windowtask/mw-0123456789abcdef0/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  region: 'us-east-1',
  windowId: 'mw-0123456789abcdef0',
  windowTaskId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
};

// Far beyond every field's limit, while the whole request stays under Next's 1 MB server-action body limit.
const OVERLONG = 'x'.repeat(20_000);

// Malformed for any action that takes input: no fields can make these valid.
const BAD_INPUTS: Array<{ label: string; args: unknown[] }> = [
  { label: 'no argument at all', args: [] },
  { label: 'null', args: [null] },
  { label: 'a number instead of an object', args: [42] },
  { label: 'a string instead of an object', args: ['us-east-1'] },
  { label: 'an array instead of an object', args: [[1, 2, 3]] },
  {
    label: 'wrong types in every field',
    args: [
      {
        region: 1,
        windowId: true,
        windowTaskId: {},
        roleArn: 42,
        description: ['x'],
        roleName: null,
        tasks: 'all',
        isConfirmed: 'yes',
        confirmRoleName: 7,
        hasAcknowledgedDataImpact: 'yes',
        associationId: 5,
        syncName: false,
      },
    ],
  },
  {
    label: 'overlong strings in every field',
    args: [
      {
        region: OVERLONG,
        windowId: OVERLONG,
        windowTaskId: OVERLONG,
        roleArn: OVERLONG,
        description: OVERLONG,
        roleName: OVERLONG,
        confirmRoleName: OVERLONG,
        syncName: OVERLONG,
        associationId: OVERLONG,
        tasks: [{ ...VALID_TASK, arn: OVERLONG, windowId: OVERLONG }],
        isConfirmed: true,
      },
    ],
  },
];

// Aimed at one action's fields: each is malformed in exactly the way its label says.
const UNKNOWN_REGION_TASK = { ...VALID_TASK, region: 'mars-north-1' };
const WRONG_WINDOW_TASK = { ...VALID_TASK, windowId: 'mw-XYZ' };
const WRONG_TASK_ID_TASK = { ...VALID_TASK, windowTaskId: 'not-a-uuid' };
const OTHER_ACCOUNT_ARN = 'arn:aws:iam::999999999999:role/SSMMaintenanceWindowRole';
const OWN_ARN = 'arn:aws:iam::123456789012:role/AtlasMaintenanceWindowRole';

const TARGETED: Record<string, Array<{ label: string; input: unknown; expected: RegExp }>> = {
  moveTasksToRoleAction: [
    { label: 'missing role ARN', input: { tasks: [VALID_TASK], isConfirmed: true }, expected: /roleArn/ },
    { label: 'a role ARN of another account', input: { roleArn: OTHER_ACCOUNT_ARN, tasks: [VALID_TASK], isConfirmed: true }, expected: /999999999999|account 123456789012/ },
    { label: 'a role ARN that is not one', input: { roleArn: 'arn:aws:s3:::bucket', tasks: [VALID_TASK], isConfirmed: true }, expected: /Role ARN must look like/ },
    { label: 'an unknown region', input: { roleArn: OWN_ARN, tasks: [UNKNOWN_REGION_TASK], isConfirmed: true }, expected: /Unknown region “mars-north-1”/ },
    { label: 'a window id of the wrong shape', input: { roleArn: OWN_ARN, tasks: [WRONG_WINDOW_TASK], isConfirmed: true }, expected: /mw-.*17 hexadecimal/ },
    { label: 'a task id of the wrong shape', input: { roleArn: OWN_ARN, tasks: [WRONG_TASK_ID_TASK], isConfirmed: true }, expected: /UUID/ },
    { label: 'no tasks', input: { roleArn: OWN_ARN, tasks: [], isConfirmed: true }, expected: /at least one task/ },
    { label: 'no confirmation', input: { roleArn: OWN_ARN, tasks: [VALID_TASK] }, expected: /Confirm/ },
  ],
  deregisterTasksAction: [
    { label: 'missing tasks', input: { isConfirmed: true }, expected: /tasks: This field is required/ },
    { label: 'an unknown region', input: { tasks: [UNKNOWN_REGION_TASK], isConfirmed: true }, expected: /Unknown region/ },
    { label: 'a window id of the wrong shape', input: { tasks: [WRONG_WINDOW_TASK], isConfirmed: true }, expected: /17 hexadecimal/ },
    { label: 'a task id of the wrong shape', input: { tasks: [WRONG_TASK_ID_TASK], isConfirmed: true }, expected: /UUID/ },
    { label: 'no confirmation', input: { tasks: [VALID_TASK] }, expected: /Confirm/ },
  ],
  createMaintenanceWindowRoleAction: [
    { label: 'a role name IAM refuses', input: { roleName: 'bad name/../x', isConfirmed: true }, expected: /Role name may contain only/ },
    { label: 'an overlong role name', input: { roleName: 'R'.repeat(65), isConfirmed: true }, expected: /at most 64/ },
    { label: 'no confirmation', input: { roleName: 'AtlasMaintenanceWindowRole2' }, expected: /Confirm/ },
  ],
  removeInventoryAssociationAction: [
    { label: 'an unknown region', input: { region: 'mars-north-1', associationId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d', isConfirmed: true }, expected: /Unknown region/ },
    { label: 'an association id of the wrong shape', input: { region: 'us-east-1', associationId: '../../x', isConfirmed: true }, expected: /UUID/ },
  ],
  removeDataSyncAction: [
    { label: 'an unknown region', input: { region: 'mars-north-1', syncName: 'explorer', isConfirmed: true }, expected: /Unknown region/ },
    { label: 'a sync name with forbidden characters', input: { region: 'us-east-1', syncName: 'a b;c', isConfirmed: true }, expected: /Sync name/ },
  ],
  startDeletionAction: [
    { label: 'missing fields', input: {}, expected: /required/ },
    { label: 'a name that is not the role’s', input: { confirmRoleName: 'AWSServiceRoleForAmazonSsm', hasAcknowledgedDataImpact: true }, expected: /does not match/ },
    { label: 'an overlong name', input: { confirmRoleName: OVERLONG, hasAcknowledgedDataImpact: true }, expected: /.{10,}/ },
  ],
  createServiceLinkedRoleAction: [
    { label: 'an overlong description', input: { description: 'd'.repeat(1001) }, expected: /at most 1000 characters/ },
    { label: 'a description outside the characters IAM accepts', input: { description: 'emoji 🙂' }, expected: /printable Latin-1/ },
  ],
  updateRoleDescriptionAction: [
    { label: 'a missing description', input: {}, expected: /description: Description is required/ },
    { label: 'an overlong description', input: { description: 'd'.repeat(1001) }, expected: /at most 1000 characters/ },
    { label: 'a description outside the characters IAM accepts', input: { description: 'NUL \u0000 and €' }, expected: /printable Latin-1/ },
  ],
};

/** Actions that take no argument have no input to be malformed. */
function takesInput(action: ServerActionReference): boolean {
  const source = readFileSync(action.file, 'utf8');
  const signature = new RegExp(`export async function ${action.exportedName}\\s*\\(([^)]*)\\)`).exec(source);
  return !!signature && signature[1]!.trim().length > 0;
}

test.describe('malformed input', () => {
  test('every server action answers each kind of bad input with a clear refusal and changes nothing', async ({ sandbox, baseURL }) => {
    test.setTimeout(180_000);
    const actions = readServerActions().filter(takesInput);
    expect(actions.length, 'server actions with input in the build').toBeGreaterThan(0);
    await sandbox.reset('demo');
    await sandbox.clearCalls();
    const before = await sandbox.accountState();

    const failures: string[] = [];
    for (const action of actions) {
      for (const { label, args } of BAD_INPUTS) {
        const answer = await callServerAction(baseURL!, action, args);
        const refusal = readActionRefusal(answer);
        const where = `${action.file}#${action.exportedName} with ${label}`;
        if (answer.status >= 500) failures.push(`${where}: HTTP ${answer.status}`);
        else if (!refusal) failures.push(`${where}: no refusal in ${answer.text.slice(0, 200)}`);
        else if (refusal.length < 10 || /undefined|\[object Object\]|TypeError|stack/i.test(refusal)) failures.push(`${where}: unclear message “${refusal}”`);
      }
    }
    expect(failures).toEqual([]);

    expect(mutatingCalls(await sandbox.calls())).toEqual([]);
    expect(await sandbox.accountState()).toEqual(before);
  });

  test('each action refuses input aimed at its own fields, naming the problem, and changes nothing', async ({ sandbox, baseURL }) => {
    test.setTimeout(120_000);
    const actions = readServerActions().filter((action) => TARGETED[action.exportedName]);
    expect(actions.length, 'the build’s actions with targeted bad inputs').toBeGreaterThan(0);
    await sandbox.reset('demo');
    await sandbox.clearCalls();
    const before = await sandbox.accountState();
    const failures: string[] = [];
    for (const action of actions) {
      for (const { label, input, expected } of TARGETED[action.exportedName]!) {
        const answer = await callServerAction(baseURL!, action, [input]);
        const refusal = readActionRefusal(answer);
        if (!refusal || !expected.test(refusal)) failures.push(`${action.exportedName} with ${label}: ${refusal ?? answer.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(mutatingCalls(await sandbox.calls())).toEqual([]);
    expect(await sandbox.accountState()).toEqual(before);
  });

  test('a request body beyond the 1 MB limit is turned away before any action runs, and the app stays up', async ({ sandbox, baseURL, request }) => {
    const [action] = readServerActions().filter(takesInput);
    expect(action).toBeTruthy();
    await sandbox.clearCalls();
    const answer = await callServerAction(baseURL!, action!, [{ description: 'x'.repeat(2_000_000) }]);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(readActionRefusal(answer)).toBeUndefined();
    expect(mutatingCalls(await sandbox.calls())).toEqual([]);
    expect((await request.get('/api/health')).ok()).toBe(true);
  });

  test('every route handler answers bad query strings and bodies with a 4xx and a message, never a 500', async ({ sandbox, request }) => {
    await sandbox.reset('demo');
    await sandbox.clearCalls();
    const before = await sandbox.accountState();
    const handlers = readRouteHandlers().filter((handler) => handler.route !== '/api/health');
    expect(handlers.length).toBeGreaterThan(0);
    const queries = ['format=xml', `format=${'x'.repeat(5_000)}`, 'format=json&format=csv', 'region=mars-north-1', 'windowId=mw-XYZ'];
    for (const handler of handlers) {
      for (const method of handler.methods) {
        if (method === 'GET') {
          for (const query of queries) {
            const response = await request.get(`${fillRoute(handler.route, { region: 'mars-north-1' })}?${query}`);
            expect(response.status(), `GET ${handler.route}?${query.slice(0, 40)}`).toBeLessThan(500);
          }
        } else if (method !== 'HEAD') {
          for (const body of ['not json', '{"region":42}', JSON.stringify({ region: 'x'.repeat(10_000) })]) {
            const response = await request.fetch(fillRoute(handler.route, { region: 'mars-north-1' }), {
              method,
              headers: { 'content-type': 'application/json' },
              data: body,
            });
            expect(response.status(), `${method} ${handler.route} with ${body.slice(0, 30)}`).toBeLessThan(500);
            await response.body();
          }
        }
      }
    }
    expect(mutatingCalls(await sandbox.calls())).toEqual([]);
    expect(await sandbox.accountState()).toEqual(before);
  });

  test('route handlers name the bad value: export formats, unknown regions, missing and overlong parameters', async ({ request }) => {
    const handlers = new Set(readRouteHandlers().map((handler) => handler.route));
    const cases: Array<{ route: string; url: string; status: number; message: RegExp }> = [
      { route: '/api/audit/export', url: '/api/audit/export?format=xml', status: 400, message: /^format must be json or csv\.$/ },
      { route: '/activity/export', url: '/activity/export?format=xml', status: 400, message: /format must be json or csv/ },
      { route: '/graph/windows/[region]', url: '/graph/windows/mars-north-1?audit=x', status: 400, message: /Unknown region “mars-north-1”/ },
      { route: '/graph/windows/[region]', url: '/graph/windows/us-east-1', status: 400, message: /audit is required/ },
      { route: '/graph/windows/[region]', url: `/graph/windows/us-east-1?audit=${'a'.repeat(500)}`, status: 400, message: /audit is too long/ },
    ];
    const known = cases.filter((entry) => handlers.has(entry.route));
    expect(known.length).toBeGreaterThan(0);
    for (const { url, status, message } of known) {
      const response = await request.get(url);
      expect(response.status(), url.slice(0, 60)).toBe(status);
      expect(((await response.json()) as { message: string }).message, url.slice(0, 60)).toMatch(message);
    }
  });
});

