// Token buckets for request rates: the limits AWS publishes (CloudTrail LookupEvents, 2/s per account and
// region), which the sandbox enforces and the dashboard keeps to, and the sandbox's throttle faults.

export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export class TokenBuckets {
  private buckets = new Map<string, Bucket>();

  /** Takes one token from the bucket `key` (full when new); false when it is empty. */
  take(key: string, limit: RateLimit, nowMs: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAtMs: nowMs };
      this.buckets.set(key, bucket);
    }
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.ratePerSecond);
    bucket.updatedAtMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the bucket `key` holds a token (0 when it holds one now). */
  msUntilToken(key: string, limit: RateLimit, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(limit.burst, bucket.tokens + (Math.max(0, nowMs - bucket.updatedAtMs) / 1000) * limit.ratePerSecond);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / limit.ratePerSecond) * 1000);
  }

  clear(): void {
    this.buckets.clear();
  }
}
