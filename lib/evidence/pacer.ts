import type { RateLimit } from '@/lib/token-bucket';

// Keeps calls within a rate that AWS enforces on its side (CloudTrail's LookupEvents: 2 a second per account and
// region, in bursts of 2), whatever the network does to them. A call reaches AWS at some moment between its
// sending and its answer. The pacer sends one call of a key at a time, and counts each call as having reached AWS
// as late as it could have (when its answer came): the next call then goes as soon as AWS's bucket is sure to hold
// a token for it, even when the previous call was delayed on the way and the next one is not. (The generic cell
// rate algorithm: a call conforms when it arrives no earlier than the theoretical arrival time minus the burst's
// tolerance.)

interface Lane {
  /** Settles when the key's previous call is over: calls of one key go one at a time. */
  tail: Promise<void>;
  /** The theoretical arrival time of the key's next call, counted from the answers of the earlier ones. */
  nextArrivalMs: number;
}

export class Pacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.intervalMs = 1000 / limit.ratePerSecond;
    this.toleranceMs = (Math.max(1, limit.burst) - 1) * this.intervalMs;
  }

  /** Runs `send` when a call under `key` may go, after the key's earlier calls; rejects when `signal` aborts first. */
  async run<T>(key: string, send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { tail: Promise.resolve(), nextArrivalMs: Number.NEGATIVE_INFINITY };
      this.lanes.set(key, lane);
    }
    const previous = lane.tail;
    let release = () => {};
    lane.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      for (;;) {
        signal?.throwIfAborted();
        const waitMs = lane.nextArrivalMs - this.toleranceMs - this.now();
        if (waitMs <= 0) break;
        await this.sleep(Math.ceil(waitMs));
      }
      try {
        return await send();
      } finally {
        // Whatever the outcome, the call may have reached AWS, at the latest now.
        lane.nextArrivalMs = Math.max(this.now(), lane.nextArrivalMs) + this.intervalMs;
      }
    } finally {
      release();
    }
  }
}
