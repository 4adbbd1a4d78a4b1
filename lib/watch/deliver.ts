import type { WatchStore } from '@/lib/watch/store';
import { postWebhook, toWebhookPayload, type DeliveryOptions } from '@/lib/watch/webhook';

// Posts every change still waiting for the webhook, each claimed first so that two watchers sharing the store
// (the dashboard's and a command line's) never post the same change twice.

/** A change is given up after this many posts in total (over several runs). */
export const MAX_DELIVERY_ATTEMPTS = 12;

export interface DeliverySummary {
  sent: number;
  failed: number;
  /** The last failure, in words; never the URL. */
  lastError?: string;
}

export async function deliverPendingChanges(store: WatchStore, url: string, options: DeliveryOptions = {}): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, failed: 0 };
  for (const change of store.listDeliverable(MAX_DELIVERY_ATTEMPTS)) {
    if (!store.claimDelivery(change.key)) continue;
    const result = await postWebhook(url, toWebhookPayload(change, change.target, change.detectedAt), options);
    store.finishDelivery(change.key, { ok: result.ok, attempts: result.attempts, error: result.error, at: new Date().toISOString() });
    if (result.ok) summary.sent += 1;
    else {
      summary.failed += 1;
      summary.lastError = result.error;
    }
  }
  return summary;
}
