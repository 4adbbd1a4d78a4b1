import 'server-only';
import { cookies, headers } from 'next/headers';
import { getAccessSettings } from '@/lib/config';
import { CROSS_ORIGIN_MESSAGE, decideAccess, isSameOriginRequest } from '@/lib/security/decision';
import { HOST_REFUSED_MESSAGE, isRequestHostAllowed } from '@/lib/security/host';
import { readCookie, SESSION_COOKIE_NAME } from '@/lib/security/session';
import { isSessionActive } from '@/lib/security/session-register';

// The check every server action, route handler and page runs first, before reading its input: a Host this
// server answers to, a valid session when access control is on, and no change at all in read-only mode. The
// proxy's checks are a convenience only.

export type ActionAuthorization = { ok: true } | { ok: false; message: string };

export function isReadOnly(): boolean {
  return getAccessSettings().isReadOnly;
}

export function isAccessControlOn(): boolean {
  return getAccessSettings().isAccessControlOn;
}

function hasValidSession(sessionValue: string | undefined, token: string | undefined): boolean {
  return token !== undefined && sessionValue !== undefined && isSessionActive(sessionValue, token);
}

/** True when the request being handled was addressed to a host this server answers to. */
export async function isHostAllowed(): Promise<boolean> {
  return isRequestHostAllowed(await headers(), getAccessSettings().allowedHosts);
}

/** For server actions (and Server Components that need to know): reads the session cookie of the request. */
export async function authorizeAction(options: { mutates: boolean }): Promise<ActionAuthorization> {
  const access = getAccessSettings();
  if (!(await isHostAllowed())) return { ok: false, message: HOST_REFUSED_MESSAGE };
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
  if (!(await isHostAllowed())) return false;
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
 * For route handlers: refuses a Host this server does not answer to (421), cross-site requests, requests without a session (when access control is on) and
 * changes in read-only mode. Returns the error Response to send, or null to go on.
 */
export async function authorizeRouteRequest(request: Request, options: { mutates: boolean }): Promise<Response | null> {
  const requestHeaders = request.headers;
  const access = getAccessSettings();
  if (!isRequestHostAllowed(requestHeaders, access.allowedHosts)) {
    return new Response(HOST_REFUSED_MESSAGE, { status: 421, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const sameOrigin = isSameOriginRequest({
    origin: requestHeaders.get('origin'),
    secFetchSite: requestHeaders.get('sec-fetch-site'),
    host: requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host'),
  });
  if (!sameOrigin) return jsonError(403, CROSS_ORIGIN_MESSAGE);
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
