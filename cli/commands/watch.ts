import 'server-only';
import { getSettings, isOrganizationMode } from '@/lib/config';
import { formatWatchInterval } from '@/lib/watch/interval';
import { runWatchOnce, type WatchRunResult } from '@/lib/watch/run';
import { startWatchLoop } from '@/lib/watch/schedule';
import { describeWebhookUrl } from '@/lib/watch/webhook';
import { EXIT_CODES } from '@/cli/exit-codes';
import { describeFailure, writeOut } from '@/cli/session';

// `watch`: audits on a schedule (or once, for cron) and reports every change since the baseline.

export interface WatchCommandOptions {
  everyMs: number;
  once: boolean;
  webhook?: string;
}

export function formatWatchRun(result: WatchRunResult): string {
  const lines = [
    result.baseline
      ? `${result.ranAt}  account ${result.accountId}: ${result.changes.length === 0 ? 'no change' : `${result.changes.length} change${result.changes.length === 1 ? '' : 's'}`} since ${result.baseline}`
      : `${result.ranAt}  account ${result.accountId}: first run, this state is now the baseline`,
    ...result.changes.map((change) => `  ${change.kind}  ${change.region}  ${change.summary}`),
  ];
  if (result.delivery && (result.delivery.sent > 0 || result.delivery.failed > 0)) {
    lines.push(`  webhook: ${result.delivery.sent} sent, ${result.delivery.failed} not sent${result.delivery.lastError ? ` (${result.delivery.lastError})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runWatchCommand(options: WatchCommandOptions): Promise<number> {
  if (isOrganizationMode()) {
    console.error('watch covers one account: unset ATLAS_ORG and ATLAS_ACCOUNT_IDS to watch the caller’s account.');
    return EXIT_CODES.error;
  }
  const webhookUrl = options.webhook ?? getSettings().ATLAS_WEBHOOK_URL;
  console.error(
    options.once
      ? 'Watching once.'
      : `Watching every ${formatWatchInterval(options.everyMs)}${webhookUrl ? `, posting changes to ${describeWebhookUrl(webhookUrl)}` : ''}; Ctrl-C stops.`,
  );
  if (options.once) {
    try {
      const result = await runWatchOnce({ webhookUrl, everyMs: null, source: 'cli' });
      await writeOut(formatWatchRun(result));
      return result.changes.length > 0 ? EXIT_CODES.changed : EXIT_CODES.ok;
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
      else void writeOut(formatWatchRun(result));
    },
  });
  process.once('SIGINT', () => loop.stop());
  process.once('SIGTERM', () => loop.stop());
  await loop.done;
  return EXIT_CODES.ok;
}
