import { describe, expect, it } from 'vitest';
import { createSignInThrottle, FREE_FAILURES, getDelayAfterFailures, MAX_DELAY_MS } from './sign-in-throttle';

describe('the global sign-in throttle', () => {
  it('allows a few mistakes, then closes sign-in for a delay that doubles, up to a cap', () => {
    expect(getDelayAfterFailures(FREE_FAILURES - 1)).toBe(0);
    expect(getDelayAfterFailures(FREE_FAILURES)).toBe(1_000);
    expect(getDelayAfterFailures(FREE_FAILURES + 1)).toBe(2_000);
    expect(getDelayAfterFailures(FREE_FAILURES + 3)).toBe(8_000);
    expect(getDelayAfterFailures(FREE_FAILURES + 40)).toBe(MAX_DELAY_MS);
  });

  it('checks no candidate while closed, even the right one, and reopens after the delay', () => {
    const throttle = createSignInThrottle();
    let now = 1_000_000;
    for (let index = 0; index < FREE_FAILURES; index += 1) expect(throttle.attempt(() => false, now).decision.ok).toBe(true);
    let checked = 0;
    const closed = throttle.attempt(() => {
      checked += 1;
      return true;
    }, now + 500);
    expect(closed).toEqual({ decision: { ok: false, retryInMs: 500 }, isCorrect: false });
    expect(checked).toBe(0);
    now += 1_000;
    expect(throttle.attempt(() => true, now)).toEqual({ decision: { ok: true }, isCorrect: true });
  });

  it('counts guesses sent together one by one: a burst of 1,000 parallel guesses gets at most the free ones checked', async () => {
    const throttle = createSignInThrottle();
    let checked = 0;
    const guesses = Array.from({ length: 1_000 }, () =>
      Promise.resolve().then(() =>
        throttle.attempt(() => {
          checked += 1;
          return false;
        }),
      ),
    );
    const answers = await Promise.all(guesses);
    expect(checked).toBe(FREE_FAILURES);
    expect(answers.filter((answer) => !answer.decision.ok)).toHaveLength(1_000 - FREE_FAILURES);
  });
});
