import { NextResponse, type NextRequest } from 'next/server';
import { getAccessSettings } from '@/lib/config';
import { buildContentSecurityPolicy, createNonce, getStaticSecurityHeaders } from '@/lib/security/headers';
import { HOST_REFUSED_MESSAGE, isRequestHostAllowed } from '@/lib/security/host';
import { SESSION_COOKIE_NAME, verifySessionValue } from '@/lib/security/session';

// Runs before every request, static files included: first refuses a Host this server does not answer to
// (DNS rebinding), then gives each page a fresh CSP nonce, adds the security headers, and sends visitors
// without a session to the sign-in page. Every page, server action and route handler checks access itself as
// well: these checks are a convenience, not the gate.

export const SIGN_IN_PATH = '/sign-in';

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded ? forwarded === 'https' : request.nextUrl.protocol === 'https:';
}

/** Files of the build and the icon: no page, no data, needed by the sign-in page itself. */
function isStaticAsset(pathname: string): boolean {
  return pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image') || pathname === '/favicon.ico';
}

function needsSignIn(request: NextRequest): boolean {
  const access = getAccessSettings();
  if (!access.isAccessControlOn || !access.token) return false;
  const { pathname } = request.nextUrl;
  if (pathname === SIGN_IN_PATH || isStaticAsset(pathname)) return false;
  // Route handlers answer for themselves with a clear refusal (401) instead of a redirect; so does a server
  // action, which checks its own session. Every other request, whatever its method or headers, is redirected.
  if (pathname.startsWith('/api/')) return false;
  if (request.method === 'POST' && request.headers.has('next-action')) return false;
  return !verifySessionValue(request.cookies.get(SESSION_COOKIE_NAME)?.value, access.token);
}

export function proxy(request: NextRequest): NextResponse {
  if (!isRequestHostAllowed(request.headers, getAccessSettings().allowedHosts)) {
    return new NextResponse(HOST_REFUSED_MESSAGE, { status: 421, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const https = isHttps(request);
  const nonce = createNonce();
  const policy = buildContentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');

  let response: NextResponse;
  if (needsSignIn(request)) {
    const target = new URL(SIGN_IN_PATH, request.url);
    const wanted = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    if (wanted !== '/') target.searchParams.set('next', wanted);
    response = NextResponse.redirect(target, 303);
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
