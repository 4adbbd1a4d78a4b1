import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

// The pacer on a simulated clock. AWS's bucket (2 a second, bursts of 2) accepts a sequence of arrivals exactly
// when any two calls i < j arrive at least (j - i - 1) × 500 ms apart; a call arrives somewhere between its
// sending and its answer. The worst case, every earlier call arriving at its answer and every later one at its
// sending, must still be accepted.

const RATE = { ratePerSecond: 2, burst: 2 };

function simulate() {
  let clock = 0;
  const sent: number[] = [];
  const answered: number[] = [];
  const pacer = new Pacer(
    RATE,
    () => clock,
    async (ms) => {
      clock += ms;
    },
  );
  const call = (latencyMs: number) => async () => {
    sent.push(clock);
    clock += latencyMs;
    answered.push(clock);
    return latencyMs;
  };
  return { pacer, call, sent, answered, now: () => clock };
}

function expectAcceptedInTheWorstCase(sent: number[], answered: number[]): void {
  for (let earlier = 0; earlier < sent.length; earlier += 1) {
    for (let later = earlier + 1; later < sent.length; later += 1) {
      expect(sent[later]! - answered[earlier]!, `calls ${earlier} and ${later}`).toBeGreaterThanOrEqual((later - earlier - 1) * 500);
    }
  }
}

describe('Pacer', () => {
  it('sends two calls at once, then two a second, when answers are instant', async () => {
    const { pacer, call, sent } = simulate();
    await Promise.all([0, 0, 0, 0, 0].map((latency) => pacer.run('eu-west-1', call(latency))));
    expect(sent).toEqual([0, 0, 500, 1000, 1500]);
  });

  it('keeps every call acceptable to AWS whatever the latency of each, and waits no longer than it must', async () => {
    const { pacer, call, sent, answered } = simulate();
    const latencies = [300, 10, 10, 450, 5, 5, 120, 900, 1, 1, 1, 60];
    const results = await Promise.all(latencies.map((latency) => pacer.run('us-east-1', call(latency))));
    expect(results).toEqual(latencies);
    expectAcceptedInTheWorstCase(sent, answered);
    // Each call goes as soon as the previous one is answered or the bound above allows, never later.
    for (let index = 1; index < sent.length; index += 1) {
      const earliest = Math.max(answered[index - 1]!, index >= 2 ? answered[index - 2]! + 500 : 0, ...sent.slice(0, index).map((_, earlier) => answered[earlier]! + (index - earlier - 1) * 500));
      expect(sent[index], `call ${index}`).toBe(earliest);
    }
  });

  it('counts a failed call as sent, and lets the next call go after an aborted wait', async () => {
    const { pacer, call, sent } = simulate();
    await expect(
      pacer.run('ap-south-1', async () => {
        await call(0)();
        throw new Error('ThrottlingException');
      }),
    ).rejects.toThrow('ThrottlingException');
    await pacer.run('ap-south-1', call(0));
    const aborted = new AbortController();
    aborted.abort();
    await expect(pacer.run('ap-south-1', call(0), aborted.signal)).rejects.toThrow();
    await pacer.run('ap-south-1', call(0));
    expect(sent).toEqual([0, 0, 500]);
  });
});
