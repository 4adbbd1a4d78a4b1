import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_MANAGEMENT_ACCOUNT_ID } from '@/sandbox/scenarios/org-facts';
import { registerRoleLessTask } from '@/test-support/role-less-task';
import { startSandboxTarget, type SandboxTarget } from '@/test-support/sandbox-target';

// The watch in organization mode on the sandbox's `org` scenario: every listed account is compared with its own
// baseline, a change made in a member account (through its access role, as any AWS client could) is reported for
// that account, and an account that cannot be read is named, never taken as unchanged.

const NETWORK_HUB = '210987654303';
const ACQUIRED_RETAIL = '210987654311';

let target: SandboxTarget;

beforeAll(async () => {
  target = await startSandboxTarget('org', 'atlas-watch-org-');
  process.env.ATLAS_ACCOUNT_IDS = [ORG_MANAGEMENT_ACCOUNT_ID, NETWORK_HUB, ACQUIRED_RETAIL].join(',');
});

afterAll(async () => {
  delete process.env.ATLAS_ACCOUNT_IDS;
  await target?.close();
});

describe('runWatchRound in organization mode', () => {
  it('compares each account with its own baseline and reports a member account’s new role-less task for that account', async () => {
    const { runWatchRound } = await import('@/lib/watch/run');
    const { listActivity } = await import('@/lib/activity');
    const { getAwsClients } = await import('@/lib/aws/clients');
    const { getWatchStore } = await import('@/lib/watch/index');

    const first = await runWatchRound({ everyMs: null, source: 'cli' });
    expect(first.accounts.map((account) => [account.accountId, account.baseline, account.changes.length])).toEqual([
      [ORG_MANAGEMENT_ACCOUNT_ID, null, 0],
      [NETWORK_HUB, null, 0],
    ]);
    // Its access role cannot be assumed, and there is no earlier run of it: named, not compared.
    expect(first.notWatched).toEqual([{ accountId: ACQUIRED_RETAIL, reason: expect.stringMatching(/^could not be read \(AccessDenied\), and the watch has no earlier run/) }]);
    expect(getWatchStore().getLastSnapshot('sandbox', NETWORK_HUB)?.role).toMatchObject({ state: 'present', arn: expect.stringContaining(`::${NETWORK_HUB}:role/`) });

    const { windowId, windowTaskId } = await registerRoleLessTask(getAwsClients(NETWORK_HUB).ssm('us-east-1'), 'role-less-in-a-member');
    const taskArn = `arn:aws:ssm:us-east-1:${NETWORK_HUB}:windowtask/${windowId}/${windowTaskId}`;

    const second = await runWatchRound({ everyMs: null, source: 'cli' });
    const byAccount = new Map(second.accounts.map((account) => [account.accountId, account]));
    expect(byAccount.get(ORG_MANAGEMENT_ACCOUNT_ID)?.changes).toEqual([]);
    expect(byAccount.get(NETWORK_HUB)?.baseline).toBe(`the run at ${first.ranAt}`);
    expect(byAccount.get(NETWORK_HUB)?.changes.map((change) => [change.kind, change.accountId, change.subject])).toEqual([['task-added', NETWORK_HUB, taskArn]]);
    expect(second.notWatched.map((account) => account.accountId)).toEqual([ACQUIRED_RETAIL]);
    const observed = listActivity({ result: 'observed' });
    expect(observed.map((entry) => [entry.operation, entry.accountId, entry.subject, entry.callerArn])).toEqual([
      ['TaskReliesOnRole', NETWORK_HUB, taskArn, expect.stringContaining(`arn:aws:sts::${NETWORK_HUB}:assumed-role/`)],
    ]);

    const third = await runWatchRound({ everyMs: null, source: 'cli' });
    expect(third.accounts.flatMap((account) => account.changes)).toEqual([]);
  });
});
