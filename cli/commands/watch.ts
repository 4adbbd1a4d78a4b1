import 'server-only';
import { getSettings } from '@/lib/config';
import { pluralize } from '@/lib/format/count';
import { formatWatchInterval } from '@/lib/watch/interval';
import { runWatchRound, type WatchRound, type WatchRunResult } from '@/lib/watch/run';
import type { DeliverySummary } from '@/lib/watch/deliver';
import { startWatchLoop } from '@/lib/watch/schedule';
import { describeWebhookUrl } from '@/lib/watch/webhook';
import { EXIT_CODES } from '@/cli/exit-codes';
import { describeFailure, writeOut } from '@/cli/session';

// `watch`: audits on a schedule (or once, for cron) and reports every change since the baseline; in organization
// mode, in every account the organization audit reads.

export interface WatchCommandOptions {
  everyMs: number;
  once: boolean;
  webhook?: string;
}

function formatDelivery(delivery: DeliverySummary | null): string[] {
  if (!delivery || (delivery.sent === 0 && delivery.failed === 0)) return [];
  return [`  webhook: ${delivery.sent} sent, ${delivery.failed} not sent${delivery.lastError ? ` (${delivery.lastError})` : ''}`];
}

function formatAccountLines(result: WatchRunResult): string[] {
  return [
    result.baseline
      ? `${result.ranAt}  account ${result.accountId}: ${result.changes.length === 0 ? 'no change' : pluralize(result.changes.length, 'change')} since ${result.baseline}`
      : `${result.ranAt}  account ${result.accountId}: first run, this state is now the baseline`,
    ...result.changes.map((change) => `  ${change.kind}  ${change.region}  ${change.summary}`),
  ];
}

function countChanges(round: WatchRound): number {
  return round.accounts.reduce((sum, account) => sum + account.changes.length, 0);
}

/** A round: each account's lines, then the accounts not compared and why, then the webhook's outcome. */
export function formatWatchRound(round: WatchRound): string {
  const lines = [
    ...round.accounts.flatMap(formatAccountLines),
    ...round.notWatched.map((account) => `${round.ranAt}  account ${account.accountId}: not watched, ${account.reason}`),
  ];
  if (round.accounts.length + round.notWatched.length > 1) {
    const changes = countChanges(round);
    const changedAccounts = round.accounts.filter((account) => account.changes.length > 0).length;
    const outcome = changes === 0 ? 'no change' : `${pluralize(changes, 'change')} in ${pluralize(changedAccounts, 'account')}`;
    lines.push(`${round.ranAt}  ${pluralize(round.accounts.length, 'account')} compared, ${round.notWatched.length} not watched: ${outcome}`);
  }
  return `${[...lines, ...formatDelivery(round.delivery)].join('\n')}\n`;
}

export async function runWatchCommand(options: WatchCommandOptions): Promise<number> {
  const webhookUrl = options.webhook ?? getSettings().ATLAS_WEBHOOK_URL;
  console.error(
    options.once
      ? 'Watching once.'
      : `Watching every ${formatWatchInterval(options.everyMs)}${webhookUrl ? `, posting changes to ${describeWebhookUrl(webhookUrl)}` : ''}; Ctrl-C stops.`,
  );
  if (options.once) {
    try {
      const round = await runWatchRound({ webhookUrl, everyMs: null, source: 'cli' });
      await writeOut(formatWatchRound(round));
      return countChanges(round) > 0 ? EXIT_CODES.changed : EXIT_CODES.ok;
    } catch (error) {
      console.error(`The watch could not run: ${describeFailure(error)}`);
      return EXIT_CODES.error;
    }
  }
  const loop = startWatchLoop({
    everyMs: options.everyMs,
    webhookUrl,
    source: 'cli',
    onResult: (result) => {
      if (result instanceof Error) console.error(`The watch could not run: ${describeFailure(result)}`);
      else void writeOut(formatWatchRound(result));
    },
  });
  process.once('SIGINT', () => loop.stop());
  process.once('SIGTERM', () => loop.stop());
  await loop.done;
  return EXIT_CODES.ok;
}
