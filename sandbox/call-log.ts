// A bounded, in-memory record of the AWS calls the sandbox answered (newest last).

export interface CallRecord {
  time: string;
  service: string;
  region: string;
  operation: string;
  /** The account the call acted in, once its credentials were understood. */
  accountId?: string;
  status: number;
  latencyMs: number;
}

export class CallLog {
  private readonly records: CallRecord[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  add(record: CallRecord): void {
    if (this.records.length < this.capacity) {
      this.records.push(record);
      return;
    }
    // Full: overwrite the oldest entry in place, so adding stays O(1).
    this.records[this.start] = record;
    this.start = (this.start + 1) % this.capacity;
  }

  list(): CallRecord[] {
    return [...this.records.slice(this.start), ...this.records.slice(0, this.start)];
  }

  clear(): void {
    this.records.length = 0;
    this.start = 0;
  }

  get size(): number {
    return this.records.length;
  }
}
