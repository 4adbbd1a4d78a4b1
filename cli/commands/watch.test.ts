import { describe, expect, it } from 'vitest';
import { formatWatchRound } from '@/cli/commands/watch';
import type { WatchRunResult } from '@/lib/watch/run';
import type { WatchChange } from '@/lib/watch/compare';

const change: WatchChange = {
  key: 'role-recreated:AROANEW',
  kind: 'role-recreated',
  accountId: '111122223333',
  region: 'global',
  subject: 'arn:aws:iam::111122223333:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM',
  summary: 'AWSServiceRoleForAmazonSSM was recreated.',
  details: {},
};

/** A round of one account, the webhook's outcome beside it. */
function round(result: Omit<WatchRunResult, 'delivery'>, delivery: WatchRunResult['delivery'] = null): Parameters<typeof formatWatchRound>[0] {
  return { ranAt: result.ranAt, accounts: [{ ...result, delivery: null }], notWatched: [], delivery };
}

describe('watch output', () => {
  it('says when a first run only records the baseline', () => {
    expect(formatWatchRound(round({ ranAt: 'T', accountId: '111122223333', baseline: null, changes: [], repeated: 0 }))).toBe(
      'T  account 111122223333: first run, this state is now the baseline\n',
    );
  });

  it('lists each change under the run, and the webhook’s outcome without its address', () => {
    const text = formatWatchRound(round({ ranAt: 'T', accountId: '111122223333', baseline: 'the run at S', changes: [change], repeated: 0 }, { sent: 0, failed: 1, lastError: 'HTTP 500' }));
    expect(text).toBe(
      'T  account 111122223333: 1 change since the run at S\n  role-recreated  global  AWSServiceRoleForAmazonSSM was recreated.\n  webhook: 0 sent, 1 not sent (HTTP 500)\n',
    );
  });

  it('says "no change" when nothing changed', () => {
    expect(formatWatchRound(round({ ranAt: 'T', accountId: '1', baseline: 'the run at S', changes: [], repeated: 2 }, { sent: 0, failed: 0 }))).toBe(
      'T  account 1: no change since the run at S\n',
    );
  });

  it('in organization mode, lists every account, those not watched and why, then the round and its webhook once', () => {
    const member = { ...change, key: 'task-added:arn:x', kind: 'task-added' as const, accountId: '210987654303', region: 'eu-west-1', summary: 'A task relies on the role.' };
    const text = formatWatchRound({
      ranAt: 'T',
      accounts: [
        { ranAt: 'T', accountId: '123456789012', baseline: 'the run at S', changes: [], repeated: 0, delivery: null },
        { ranAt: 'T', accountId: '210987654303', baseline: 'the run at S', changes: [member], repeated: 0, delivery: null },
      ],
      notWatched: [{ accountId: '210987654311', reason: 'could not be read (AccessDenied), and the watch has no earlier run of it to compare with' }],
      delivery: { sent: 1, failed: 0 },
    });
    expect(text).toBe(
      [
        'T  account 123456789012: no change since the run at S',
        'T  account 210987654303: 1 change since the run at S',
        '  task-added  eu-west-1  A task relies on the role.',
        'T  account 210987654311: not watched, could not be read (AccessDenied), and the watch has no earlier run of it to compare with',
        'T  2 accounts compared, 1 not watched: 1 change in 1 account',
        '  webhook: 1 sent, 0 not sent',
        '',
      ].join('\n'),
    );
  });
});
