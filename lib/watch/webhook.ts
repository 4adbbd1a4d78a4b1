import { ROLE_NAME } from '@/lib/role/constants';
import type { WatchChange } from '@/lib/watch/compare';

// Posts one change to a webhook as JSON: a Slack-compatible `text` plus the change's fields. Each post times
// out, and transient failures (network, timeout, 408, 429, 5xx) are retried with exponential backoff.

export interface WebhookPayload {
  /** Slack (and Mattermost, Teams workflows…) show this line. */
  text: string;
  /** The change's key: receivers can use it to drop a repeat. */
  id: string;
  kind: WatchChange['kind'];
  target: string;
  accountId: string;
  region: string;
  subject: string;
  summary: string;
  detectedAt: string;
  details: WatchChange['details'];
  roleName: string;
}

/** Built only from the change's own fields: no credential, token or webhook address can reach it. */
export function toWebhookPayload(change: WatchChange, target: string, detectedAt: string): WebhookPayload {
  return {
    text: `SSM Role Atlas, account ${change.accountId}: ${change.summary}`,
    id: change.key,
    kind: change.kind,
    target,
    accountId: change.accountId,
    region: change.region,
    subject: change.subject,
    summary: change.summary,
    detectedAt,
    details: change.details,
    roleName: ROLE_NAME,
  };
}

/** The webhook's address as it may be shown or logged: its origin only (a Slack URL's path is its secret). */
export function describeWebhookUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

export interface DeliveryOptions {
  timeoutMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** The last failure, in words (status or network error); never the URL. */
  error?: string;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export async function postWebhook(url: string, payload: WebhookPayload, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const { timeoutMs = 5_000, attempts = 4, baseDelayMs = 1_000 } = options;
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify(payload);
  let error = 'not attempted';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'ssm-role-atlas-watch' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) return { ok: false, attempts: attempt, error };
    } catch (failure) {
      const { name, cause } = failure as Error & { cause?: { code?: unknown } };
      // The error's code only: a fetch error's message can quote the URL, whose path may be the webhook's secret.
      const code = typeof cause?.code === 'string' ? cause.code : name;
      error = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `network error (${code})`;
    }
    if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1));
  }
  return { ok: false, attempts, error };
}
