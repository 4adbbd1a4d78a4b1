import 'server-only';
import { getProcessValue } from '@/lib/process-state';
import { runWatchRound, type WatchRound, type WatchRunOptions } from '@/lib/watch/run';

// Runs the watch again and again, `everyMs` after each run ends (runs never overlap), until stopped.

export interface WatchLoop {
  stop(): void;
  /** Settles once the loop has stopped and its run in progress, if any, has ended. */
  done: Promise<void>;
}

export function startWatchLoop(options: WatchRunOptions & { everyMs: number; onResult: (result: WatchRound | Error) => void }): WatchLoop {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const done = (async () => {
    while (!isStopped) {
      try {
        options.onResult(await runWatchRound(options));
      } catch (error) {
        options.onResult(error instanceof Error ? error : new Error(String(error)));
      }
      if (isStopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.everyMs);
      });
    }
  })();
  return {
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
    done,
  };
}

/** The dashboard's own watch (ATLAS_WATCH_EVERY), started once per process. */
export function startDashboardWatch(everyMs: number, webhookUrl: string | undefined): void {
  getProcessValue('dashboard-watch', () =>
    startWatchLoop({
      everyMs,
      webhookUrl,
      source: 'dashboard',
      onResult: (result) => {
        if (result instanceof Error) console.warn(`[atlas] the watch could not run: ${result.message}`);
        else {
          const changes = result.accounts.flatMap((account) => account.changes);
          if (changes.length > 0) console.log(`[atlas] the watch saw ${changes.length} change(s): ${changes.map((change) => `${change.kind} in ${change.accountId}`).join(', ')}`);
        }
      },
    }),
  );
}
