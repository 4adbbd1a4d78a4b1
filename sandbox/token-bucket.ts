// Token buckets for request rates: the limits AWS publishes (CloudTrail LookupEvents, 2/s per account and
// region) and the throttle faults tests inject.

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

  clear(): void {
    this.buckets.clear();
  }
}
