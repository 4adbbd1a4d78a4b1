import { NextResponse, type NextRequest } from 'next/server';
import { getAccessSettings, isDevelopmentServer } from '@/lib/config';
import { buildContentSecurityPolicy, createNonce, getStaticSecurityHeaders } from '@/lib/security/headers';
import { HOST_REFUSED_MESSAGE, isRequestHostAllowed } from '@/lib/security/host';
import { SIGN_IN_REQUIRED_MESSAGE } from '@/lib/security/decision';
import { SESSION_COOKIE_NAME } from '@/lib/security/session';
import { isSessionActive } from '@/lib/security/session-register';

// Runs before every request, static files included: first refuses a Host this server does not answer to
// (DNS rebinding), then gives each page a fresh CSP nonce, adds the security headers, and sends visitors
// without a session to the sign-in page. Every page, server action and route handler checks access itself as
// well: these checks are a convenience, not the gate. The proxy runs on the Node.js runtime, so it asks the
// server's session register itself: a cookie that sign-out or the idle timeout ended is no session here either.

export const SIGN_IN_PATH = '/sign-in';

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded ? forwarded === 'https' : request.nextUrl.protocol === 'https:';
}

/** Files of the build and the icon: no page, no data, needed by the sign-in page itself. */
function isStaticAsset(pathname: string): boolean {
  return pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image') || pathname === '/favicon.ico';
}

type SignInNeed = 'none' | 'redirect' | 'refuse-action';

function hasActiveSession(request: NextRequest, token: string): boolean {
  try {
    return isSessionActive(request.cookies.get(SESSION_COOKIE_NAME)?.value, token);
  } catch {
    // A register that cannot be read (bad settings, unreadable data folder) holds no session.
    return false;
  }
}

function getSignInNeed(request: NextRequest): SignInNeed {
  const access = getAccessSettings();
  if (!access.isAccessControlOn || !access.token) return 'none';
  const { pathname } = request.nextUrl;
  if (pathname === SIGN_IN_PATH || isStaticAsset(pathname)) return 'none';
  // Route handlers answer for themselves with a clear refusal (401) instead of a redirect.
  if (pathname.startsWith('/api/')) return 'none';
  if (hasActiveSession(request, access.token)) return 'none';
  // A server action (Next-Action header) gets a 401 that Next's client turns into a visit to the sign-in page;
  // every other request, whatever its method or headers, is redirected there.
  return request.method === 'POST' && request.headers.has('next-action') ? 'refuse-action' : 'redirect';
}

function getSignInUrl(request: NextRequest): URL {
  const target = new URL(SIGN_IN_PATH, request.url);
  const wanted = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (wanted !== '/') target.searchParams.set('next', wanted);
  return target;
}

export function proxy(request: NextRequest): NextResponse {
  if (!isRequestHostAllowed(request.headers, getAccessSettings().allowedHosts)) {
    return new NextResponse(HOST_REFUSED_MESSAGE, { status: 421, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const https = isHttps(request);
  const nonce = createNonce();
  const policy = buildContentSecurityPolicy(nonce, isDevelopmentServer());

  let response: NextResponse;
  const signInNeed = getSignInNeed(request);
  if (signInNeed === 'redirect') {
    response = NextResponse.redirect(getSignInUrl(request), 303);
  } else if (signInNeed === 'refuse-action') {
    const target = getSignInUrl(request);
    response = new NextResponse(SIGN_IN_REQUIRED_MESSAGE, {
      status: 401,
      headers: {
        'Content-Type': 'text/plain',
        'Cache-Control': 'no-store',
        // Next's client follows this header after a server action: the page goes to sign-in.
        'x-action-redirect': `${target.pathname}${target.search};replace`,
      },
    });
  } else {
    // Next reads the nonce from the request's CSP header and puts it on its own scripts.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', policy);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(getStaticSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything, the build's static files included: the Host check comes before anything is served.
    '/:path*',
  ],
};
