import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The signed session cookie: proof that the visitor typed the access token. The signing key is derived from
// ATLAS_ACCESS_TOKEN, so changing the token signs everybody out. Nothing secret is stored in the cookie.

export const SESSION_COOKIE_NAME = 'atlas_session';
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const KEY_CONTEXT = 'ssm-role-atlas session signing key v1';
const VALUE_VERSION = 'v1';

function deriveKey(accessToken: string): Buffer {
  return createHmac('sha256', accessToken).update(KEY_CONTEXT).digest();
}

function sign(payload: string, accessToken: string): string {
  return createHmac('sha256', deriveKey(accessToken)).update(payload).digest('base64url');
}

/** Compares two strings in time that does not depend on where they differ: both are hashed to equal length first. */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** True when `candidate` is the access token. */
export function isAccessTokenCorrect(candidate: string, accessToken: string): boolean {
  return constantTimeEquals(candidate, accessToken);
}

/** A new session value: version.issuedAt.expiresAt.nonce.signature (times in epoch seconds). */
export function createSessionValue(accessToken: string, nowMs = Date.now(), maxAgeSeconds = SESSION_MAX_AGE_SECONDS): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const expiresAt = issuedAt + maxAgeSeconds;
  const nonce = randomBytes(16).toString('base64url');
  const payload = `${VALUE_VERSION}.${issuedAt}.${expiresAt}.${nonce}`;
  return `${payload}.${sign(payload, accessToken)}`;
}

/** True when the value was signed with this token and has not expired. */
export function verifySessionValue(value: string | undefined, accessToken: string, nowMs = Date.now()): boolean {
  if (!value || value.length > 512) return false;
  const parts = value.split('.');
  if (parts.length !== 5) return false;
  const [version, issuedText, expiresText, nonce, signature] = parts as [string, string, string, string, string];
  if (version !== VALUE_VERSION || !/^\d{1,12}$/.test(issuedText) || !/^\d{1,12}$/.test(expiresText) || !nonce) return false;
  const expected = sign(`${version}.${issuedText}.${expiresText}.${nonce}`, accessToken);
  if (!constantTimeEquals(signature, expected)) return false;
  const nowSeconds = Math.floor(nowMs / 1000);
  const issuedAt = Number(issuedText);
  const expiresAt = Number(expiresText);
  // A session from the future (clock skew beyond a minute) is as suspect as an expired one.
  return issuedAt <= nowSeconds + 60 && nowSeconds < expiresAt;
}

/** The random part of a session value: the key the server's session register knows it by. */
export function getSessionNonce(value: string): string {
  return value.split('.')[3] ?? '';
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'strict';
  secure: boolean;
  path: '/';
  maxAge: number;
}

/** Cookie attributes: Secure only when the dashboard is served over https (a plain-http loopback would drop it). */
export function getSessionCookieOptions(isHttps: boolean): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: isHttps, path: '/', maxAge: SESSION_MAX_AGE_SECONDS };
}

/** Reads one cookie from a Cookie request header. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
