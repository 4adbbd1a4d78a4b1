import { getProcessValue } from '@/lib/process-state';

// A global limit on failed sign-ins, with a growing delay: after a few free mistakes, each further failure
// closes sign-in for everybody for longer (doubling, up to a cap). The check and the record happen in one
// synchronous step, so guesses sent in parallel are counted one by one and cannot slip through together.

export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

export type ThrottleDecision = { ok: true } | { ok: false; retryInMs: number };

export interface SignInThrottle {
  /** Checks the candidate only when sign-in is open; a wrong one is counted before the answer is returned. */
  attempt(isCorrect: () => boolean, nowMs?: number): { decision: ThrottleDecision; isCorrect: boolean };
}

/** The delay after the n-th consecutive failure. */
export function getDelayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

export function createSignInThrottle(): SignInThrottle {
  let failures = 0;
  let closedUntilMs = 0;
  return {
    attempt(isCorrect, nowMs = Date.now()) {
      if (nowMs < closedUntilMs) return { decision: { ok: false, retryInMs: closedUntilMs - nowMs }, isCorrect: false };
      if (isCorrect()) {
        failures = 0;
        closedUntilMs = 0;
        return { decision: { ok: true }, isCorrect: true };
      }
      failures += 1;
      closedUntilMs = nowMs + getDelayAfterFailures(failures);
      return { decision: { ok: true }, isCorrect: false };
    },
  };
}

/** The process-wide throttle (one per server, whoever is guessing). */
export function getSignInThrottle(): SignInThrottle {
  return getProcessValue('sign-in-throttle', createSignInThrottle);
}
