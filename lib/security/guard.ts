import 'server-only';
import { cookies, headers } from 'next/headers';
import { getAccessSettings } from '@/lib/security/access';
import { CROSS_ORIGIN_MESSAGE, decideAccess, isSameOriginRequest } from '@/lib/security/decision';
import { readCookie, SESSION_COOKIE_NAME, verifySessionValue } from '@/lib/security/session';

// The check every server action and route handler runs first, before reading its input: a valid session when
// access control is on, and no change at all in read-only mode. The proxy's redirect is a convenience only.

export type ActionAuthorization = { ok: true } | { ok: false; message: string };

export function isReadOnly(): boolean {
  return getAccessSettings().isReadOnly;
}

export function isAccessControlOn(): boolean {
  return getAccessSettings().isAccessControlOn;
}

function hasValidSession(sessionValue: string | undefined, token: string | undefined): boolean {
  return token !== undefined && verifySessionValue(sessionValue, token);
}

/** For server actions (and Server Components that need to know): reads the session cookie of the request. */
export async function authorizeAction(options: { mutates: boolean }): Promise<ActionAuthorization> {
  const access = getAccessSettings();
  const sessionValue = access.isAccessControlOn ? (await cookies()).get(SESSION_COOKIE_NAME)?.value : undefined;
  const decision = decideAccess({
    isAccessControlOn: access.isAccessControlOn,
    hasValidSession: hasValidSession(sessionValue, access.token),
    isReadOnly: access.isReadOnly,
    mutates: options.mutates,
  });
  return decision.ok ? { ok: true } : { ok: false, message: decision.message };
}

/** True when the current request carries a valid session, or access control is off. For pages and layouts. */
export async function hasSession(): Promise<boolean> {
  const access = getAccessSettings();
  if (!access.isAccessControlOn) return true;
  return hasValidSession((await cookies()).get(SESSION_COOKIE_NAME)?.value, access.token);
}

/** Whether the request that is being rendered arrived over https (directly or behind a proxy). */
export async function isHttpsRequest(): Promise<boolean> {
  const requestHeaders = await headers();
  const forwarded = requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded) return forwarded === 'https';
  return (requestHeaders.get('origin') ?? '').startsWith('https://');
}

function jsonError(status: number, message: string): Response {
  return Response.json({ ok: false, message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * For route handlers: refuses cross-site requests, requests without a session (when access control is on) and
 * changes in read-only mode. Returns the error Response to send, or null to go on.
 */
export async function authorizeRouteRequest(request: Request, options: { mutates: boolean }): Promise<Response | null> {
  const requestHeaders = request.headers;
  const sameOrigin = isSameOriginRequest({
    origin: requestHeaders.get('origin'),
    secFetchSite: requestHeaders.get('sec-fetch-site'),
    host: requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host'),
  });
  if (!sameOrigin) return jsonError(403, CROSS_ORIGIN_MESSAGE);
  const access = getAccessSettings();
  const sessionValue = access.isAccessControlOn ? readCookie(requestHeaders.get('cookie'), SESSION_COOKIE_NAME) : undefined;
  const decision = decideAccess({
    isAccessControlOn: access.isAccessControlOn,
    hasValidSession: hasValidSession(sessionValue, access.token),
    isReadOnly: access.isReadOnly,
    mutates: options.mutates,
  });
  if (decision.ok) return null;
  return jsonError(decision.reason === 'no-session' ? 401 : 403, decision.message);
}
