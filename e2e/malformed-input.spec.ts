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

const OVERLONG = 'x'.repeat(100_000);

const BAD_INPUTS: Array<{ label: string; args: unknown[] }> = [
  { label: 'no argument at all', args: [] },
  { label: 'null', args: [null] },
  { label: 'a number instead of an object', args: [42] },
  { label: 'a string instead of an object', args: ['us-east-1'] },
  { label: 'an array instead of an object', args: [[1, 2, 3]] },
  { label: 'missing fields', args: [{}] },
  {
    label: 'wrong types in every field',
    args: [{ region: 1, windowId: true, windowTaskId: {}, roleArn: 42, description: ['x'], roleName: null, tasks: 'all', isConfirmed: 'yes', confirmation: 7 }],
  },
  {
    label: 'overlong strings',
    args: [{ region: OVERLONG, windowId: OVERLONG, windowTaskId: OVERLONG, roleArn: OVERLONG, description: OVERLONG, roleName: OVERLONG, confirmation: OVERLONG, syncName: OVERLONG, associationId: OVERLONG }],
  },
  {
    label: 'an unknown region and ids of the wrong shape',
    args: [
      {
        region: 'mars-north-1',
        windowId: 'mw-XYZ',
        windowTaskId: 'not-a-uuid',
        associationId: '../../etc/passwd',
        tasks: [{ ...VALID_TASK, region: 'mars-north-1', windowId: 'mw-123', windowTaskId: '1234' }],
        isConfirmed: true,
      },
    ],
  },
  {
    label: 'a role ARN of another account',
    args: [{ roleArn: 'arn:aws:iam::999999999999:role/SSMMaintenanceWindowRole', tasks: [VALID_TASK], isConfirmed: true }],
  },
  {
    label: 'a description outside the characters IAM accepts',
    args: [{ description: 'emoji 🙂 and NUL \u0000', isConfirmed: true }],
  },
];

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
    const before = await sandbox.state();

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
    expect(await sandbox.state()).toEqual(before);
  });

  test('a role ARN of another account is refused by name', async ({ sandbox, baseURL }) => {
    const actions = readServerActions().filter((action) => /roleArn/.test(sourceOf(action)));
    test.skip(actions.length === 0, 'No action takes a role ARN yet.');
    await sandbox.reset('demo');
    await sandbox.clearCalls();
    for (const action of actions) {
      const answer = await callServerAction(baseURL!, action, [{ roleArn: 'arn:aws:iam::999999999999:role/SSMMaintenanceWindowRole', tasks: [VALID_TASK], isConfirmed: true }]);
      expect(readActionRefusal(answer), action.exportedName).toMatch(/999999999999|another account|not a role of account 123456789012/);
    }
    expect(mutatingCalls(await sandbox.calls())).toEqual([]);
  });

  test('every route handler answers bad query strings and bodies with a 4xx and a message, never a 500', async ({ sandbox, request }) => {
    await sandbox.reset('demo');
    await sandbox.clearCalls();
    const before = await sandbox.state();
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
    expect(await sandbox.state()).toEqual(before);
  });

  test('the audit export names a bad format', async ({ request }) => {
    const response = await request.get('/api/audit/export?format=xml');
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('format must be json or csv.');
  });
});

function sourceOf(action: ServerActionReference): string {
  const source = readFileSync(action.file, 'utf8');
  const start = source.search(new RegExp(`export async function ${action.exportedName}\\b`));
  const next = source.indexOf('\nexport ', start + 1);
  return source.slice(start, next === -1 ? undefined : next);
}
