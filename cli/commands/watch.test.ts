import { describe, expect, it } from 'vitest';
import { formatWatchRun } from '@/cli/commands/watch';
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

describe('watch output', () => {
  it('says when a first run only records the baseline', () => {
    expect(formatWatchRun({ ranAt: 'T', accountId: '111122223333', baseline: null, changes: [], repeated: 0, delivery: null })).toBe(
      'T  account 111122223333: first run, this state is now the baseline\n',
    );
  });

  it('lists each change under the run, and the webhook’s outcome without its address', () => {
    const text = formatWatchRun({
      ranAt: 'T',
      accountId: '111122223333',
      baseline: 'the run at S',
      changes: [change],
      repeated: 0,
      delivery: { sent: 0, failed: 1, lastError: 'HTTP 500' },
    });
    expect(text).toBe(
      'T  account 111122223333: 1 change since the run at S\n  role-recreated  global  AWSServiceRoleForAmazonSSM was recreated.\n  webhook: 0 sent, 1 not sent (HTTP 500)\n',
    );
  });

  it('says "no change" when nothing changed', () => {
    expect(formatWatchRun({ ranAt: 'T', accountId: '1', baseline: 'the run at S', changes: [], repeated: 2, delivery: { sent: 0, failed: 0 } })).toBe(
      'T  account 1: no change since the run at S\n',
    );
  });
});
