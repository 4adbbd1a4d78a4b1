import { describe, expect, it } from 'vitest';
import { CallLog, type CallRecord } from './call-log';

function record(index: number): CallRecord {
  return { time: new Date(index * 1000).toISOString(), service: 'iam', region: 'us-east-1', operation: `Op${index}`, status: 200, latencyMs: 1 };
}

describe('CallLog', () => {
  it('keeps only the newest records, oldest first', () => {
    const log = new CallLog(3);
    for (let index = 1; index <= 7; index += 1) log.add(record(index));
    expect(log.size).toBe(3);
    expect(log.list().map((entry) => entry.operation)).toEqual(['Op5', 'Op6', 'Op7']);
    log.clear();
    expect(log.list()).toEqual([]);
    log.add(record(8));
    expect(log.list().map((entry) => entry.operation)).toEqual(['Op8']);
  });
});
