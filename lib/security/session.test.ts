import { describe, expect, it } from 'vitest';
import {
  constantTimeEquals,
  createSessionValue,
  getSessionCookieOptions,
  isAccessTokenCorrect,
  readCookie,
  SESSION_MAX_AGE_SECONDS,
  verifySessionValue,
} from './session';

const token = 'a-correct-access-token-of-forty-chars-xx';
const now = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('session values', () => {
  it('verifies a value it signed with the same token', () => {
    const value = createSessionValue(token, now);
    expect(verifySessionValue(value, token, now + 1_000)).toBe(true);
  });

  it('refuses a value signed with another token (a changed token signs everybody out)', () => {
    const value = createSessionValue(token, now);
    expect(verifySessionValue(value, `${token}-rotated`, now)).toBe(false);
  });

  it('refuses a tampered value: changed expiry, changed signature, truncated, extended', () => {
    const value = createSessionValue(token, now);
    const parts = value.split('.');
    const laterExpiry = [parts[0], parts[1], String(Number(parts[2]) + 1_000_000), parts[3], parts[4]].join('.');
    expect(verifySessionValue(laterExpiry, token, now)).toBe(false);
    const lastChar = value.at(-1) === 'A' ? 'B' : 'A';
    expect(verifySessionValue(value.slice(0, -1) + lastChar, token, now)).toBe(false);
    expect(verifySessionValue(value.slice(0, -3), token, now)).toBe(false);
    expect(verifySessionValue(`${value}.extra`, token, now)).toBe(false);
    expect(verifySessionValue('', token, now)).toBe(false);
    expect(verifySessionValue(undefined, token, now)).toBe(false);
    expect(verifySessionValue(token, token, now)).toBe(false);
  });

  it('expires after its maximum age', () => {
    const value = createSessionValue(token, now);
    expect(verifySessionValue(value, token, now + (SESSION_MAX_AGE_SECONDS - 1) * 1000)).toBe(true);
    expect(verifySessionValue(value, token, now + SESSION_MAX_AGE_SECONDS * 1000)).toBe(false);
  });

  it('refuses a value issued in the future', () => {
    const value = createSessionValue(token, now + 3_600_000);
    expect(verifySessionValue(value, token, now)).toBe(false);
  });

  it('gives two sign-ins two different values', () => {
    expect(createSessionValue(token, now)).not.toBe(createSessionValue(token, now));
  });
});

describe('token comparison', () => {
  it('accepts the exact token only', () => {
    expect(isAccessTokenCorrect(token, token)).toBe(true);
    expect(isAccessTokenCorrect(token.slice(0, -1), token)).toBe(false);
    expect(isAccessTokenCorrect(`${token} `, token)).toBe(false);
    expect(isAccessTokenCorrect('', token)).toBe(false);
    expect(constantTimeEquals('x'.repeat(10_000), token)).toBe(false);
  });
});

describe('cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only over https', () => {
    expect(getSessionCookieOptions(false)).toEqual({ httpOnly: true, sameSite: 'strict', secure: false, path: '/', maxAge: SESSION_MAX_AGE_SECONDS });
    expect(getSessionCookieOptions(true).secure).toBe(true);
  });

  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; atlas_session=v1.x.y; b=2', 'atlas_session')).toBe('v1.x.y');
    expect(readCookie('xatlas_session=1', 'atlas_session')).toBeUndefined();
    expect(readCookie(null, 'atlas_session')).toBeUndefined();
  });
});
