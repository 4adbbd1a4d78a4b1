import { DeregisterTaskFromMaintenanceWindowCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRoleLessTask } from '@/test-support/role-less-task';
import { startSandboxTarget, type SandboxTarget } from '@/test-support/sandbox-target';

// runWatchOnce on the sandbox target, changed between runs through the SDK as any AWS client would change it.

let target: SandboxTarget;
let ssm: SSMClient;

beforeAll(async () => {
  target = await startSandboxTarget('clean', 'atlas-watch-run-');
  ssm = new SSMClient({ region: 'eu-west-1', endpoint: target.sandbox.url, credentials: { accessKeyId: 'AKIATESTWATCH0000001', secretAccessKey: 'test' } });
});

afterAll(async () => {
  ssm?.destroy();
  await target?.close();
});

describe('runWatchOnce', () => {
  it('records a baseline, then reports a task registered without a role once, then the same task gone', async () => {
    const { runWatchOnce } = await import('@/lib/watch/run');
    const { listActivity } = await import('@/lib/activity');

    const first = await runWatchOnce({ everyMs: null, source: 'cli' });
    expect(first.baseline).toBeNull();
    expect(first.changes).toEqual([]);

    const { windowId, windowTaskId: WindowTaskId } = await registerRoleLessTask(ssm, 'role-less');
    const taskArn = `arn:aws:ssm:eu-west-1:123456789012:windowtask/${windowId}/${WindowTaskId}`;

    const second = await runWatchOnce({ everyMs: null, source: 'cli' });
    expect(second.baseline).toBe(`the run at ${first.ranAt}`);
    expect(second.changes.map((change) => [change.kind, change.subject])).toEqual([['task-added', taskArn]]);
    const observed = listActivity({ result: 'observed' });
    expect(observed.map((entry) => [entry.operation, entry.subject, entry.region])).toEqual([['TaskReliesOnRole', taskArn, 'eu-west-1']]);

    const third = await runWatchOnce({ everyMs: null, source: 'cli' });
    expect(third.changes).toEqual([]);

    await ssm.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: windowId, WindowTaskId }));
    const fourth = await runWatchOnce({ everyMs: null, source: 'dashboard' });
    expect(fourth.changes.map((change) => [change.kind, change.subject])).toEqual([['blocker-removed', taskArn]]);
    expect(listActivity({ result: 'observed' })).toHaveLength(2);
  });
});
