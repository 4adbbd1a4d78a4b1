import { TokenBuckets, type RateLimit } from '@/lib/token-bucket';

// Spaces calls to a rate (CloudTrail's LookupEvents: 2 per second per account and region), one bucket per key:
// a call waits for its turn instead of being refused by AWS.

export class Pacer {
  private readonly buckets = new TokenBuckets();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when a call under `key` may go; rejects when `signal` aborts first. */
  async wait(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.buckets.take(key, this.limit, this.now())) return;
      await this.sleep(Math.max(1, this.buckets.msUntilToken(key, this.limit, this.now())));
    }
  }
}
