import { describe, expect, it } from 'vitest';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { listMaintenanceWindowTasks, listMaintenanceWindows, listSsmRegionsAmong } from '@/lib/aws/ssm';
import { createPagedClient } from '@/test-support/paged-client';

describe('SSM pagination', () => {
  it('follows NextToken to the last page of maintenance windows with the largest page size', async () => {
    const { client, inputs } = createPagedClient<SSMClient>([
      { WindowIdentities: [{ WindowId: 'mw-00000000000000001', Name: 'a', Enabled: true }], NextToken: 't1' },
      { WindowIdentities: [{ WindowId: 'mw-00000000000000002', Name: 'b', Enabled: false }], NextToken: 't2' },
      { WindowIdentities: [{ WindowId: 'mw-00000000000000003', Name: 'c', Enabled: true }] },
    ]);
    const windows = await listMaintenanceWindows(client);
    expect(windows.map((window) => window.windowId)).toEqual(['mw-00000000000000001', 'mw-00000000000000002', 'mw-00000000000000003']);
    expect(inputs.map((input) => input.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(inputs.every((input) => input.MaxResults === 100)).toBe(true);
  });

  it('lists tasks of one window across pages, keeping an absent task role as null', async () => {
    const { client, inputs } = createPagedClient<SSMClient>([
      { Tasks: [{ WindowTaskId: 'a', Type: 'RUN_COMMAND', TaskArn: 'AWS-RunPatchBaseline' }], NextToken: 'n' },
      { Tasks: [{ WindowTaskId: 'b', Type: 'AUTOMATION', TaskArn: 'AWS-RestartEC2Instance', ServiceRoleArn: 'arn:aws:iam::1:role/x' }] },
    ]);
    const tasks = await listMaintenanceWindowTasks(client, 'mw-00000000000000001');
    expect(tasks.map((task) => [task.windowTaskId, task.serviceRoleArn, task.windowId])).toEqual([
      ['a', null, 'mw-00000000000000001'],
      ['b', 'arn:aws:iam::1:role/x', 'mw-00000000000000001'],
    ]);
    expect(inputs.map((input) => [input.WindowId, input.NextToken])).toEqual([
      ['mw-00000000000000001', undefined],
      ['mw-00000000000000001', 'n'],
    ]);
  });

  it('asks the SSM region parameters by name, ten names a call, and keeps the regions AWS lists', async () => {
    const codes = Array.from({ length: 12 }, (_, index) => `xx-test-${index}`);
    const inputs: Array<{ Names?: string[] }> = [];
    const client = {
      send: async (command: { input: { Names?: string[] } }) => {
        inputs.push(command.input);
        const names = command.input.Names ?? [];
        // Every region but xx-test-3 and xx-test-11 has Systems Manager.
        const listed = names.filter((name) => !/xx-test-(3|11)$/.test(name));
        return { Parameters: listed.map((name) => ({ Name: name, Value: name.split('/').pop() })), InvalidParameters: names.filter((name) => !listed.includes(name)) };
      },
    } as unknown as SSMClient;
    const found = await listSsmRegionsAmong(client, codes);
    expect([...found].sort()).toEqual(codes.filter((code) => code !== 'xx-test-3' && code !== 'xx-test-11').sort());
    expect(inputs.map((input) => input.Names?.length)).toEqual([10, 2]);
    expect(inputs[0]?.Names?.[0]).toBe('/aws/service/global-infrastructure/services/ssm/regions/xx-test-0');
  });
});
