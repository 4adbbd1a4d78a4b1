import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRoleLessTask } from '@/test-support/role-less-task';
import { startSandboxTarget, type SandboxTarget } from '@/test-support/sandbox-target';
import type { WatchRound } from '@/lib/watch/run';

// The dashboard's own watch loop (what ATLAS_WATCH_EVERY starts) on the sandbox target: it runs on its interval,
// never overlaps itself, reports a task registered without a role between two runs, and stops when told.

let target: SandboxTarget;
let ssm: SSMClient;

beforeAll(async () => {
  target = await startSandboxTarget('clean', 'atlas-watch-loop-');
  ssm = new SSMClient({ region: 'eu-west-1', endpoint: target.sandbox.url, credentials: { accessKeyId: 'AKIATESTWATCH0000002', secretAccessKey: 'test' } });
});

afterAll(async () => {
  ssm?.destroy();
  await target?.close();
});

describe('startWatchLoop', () => {
  it('runs again after each run ends, reports a new role-less task as the dashboard’s observation, and stops', async () => {
    const { startWatchLoop } = await import('@/lib/watch/schedule');
    const { getWatchStore } = await import('@/lib/watch/index');
    const { listActivity } = await import('@/lib/activity');

    const results: Array<WatchRound | Error> = [];
    let running = 0;
    let started = 0;
    let overlapped = false;
    let registered = false;
    let sawChange: () => void = () => {};
    const changeSeen = new Promise<void>((resolve) => (sawChange = resolve));

    const loop = startWatchLoop({
      everyMs: 50,
      source: 'dashboard',
      onAuditEvent: (event) => {
        if (event.type === 'started') {
          started += 1;
          running += 1;
          if (running > 1) overlapped = true;
        }
      },
      onResult: (result) => {
        running -= 1;
        results.push(result);
        if (!(result instanceof Error) && result.accounts.some((account) => account.changes.length > 0)) sawChange();
        // After the first run (the baseline), a task that runs as the role appears, as any AWS client could add it.
        if (!registered) {
          registered = true;
          void registerRoleLessTask(ssm, 'role-less-between-runs');
        }
      },
    });

    await changeSeen;
    loop.stop();
    await loop.done;
    const runsAtStop = results.length;
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(results.every((result) => !(result instanceof Error))).toBe(true);
    expect(runsAtStop).toBeGreaterThanOrEqual(2);
    expect(results.length, 'no run after stop').toBe(runsAtStop);
    expect(started, 'one scan per run').toBe(runsAtStop);
    expect(overlapped).toBe(false);
    const rounds = results as WatchRound[];
    expect(rounds.every((round) => round.accounts.length === 1 && round.notWatched.length === 0)).toBe(true);
    const first = rounds[0]!.accounts[0]!;
    expect(first.baseline).toBeNull();
    const withChange = rounds.flatMap((round) => round.accounts).find((account) => account.changes.length > 0)!;
    expect(withChange.changes.map((change) => change.kind)).toEqual(['task-added']);
    expect(listActivity({ result: 'observed' }).map((entry) => entry.operation)).toEqual(['TaskReliesOnRole']);
    const lastRun = getWatchStore().getLastRun('sandbox', first.accountId);
    expect(lastRun?.source).toBe('dashboard');
    expect(lastRun?.everyMs).toBe(50);
  });
});
