import { NextResponse, type NextRequest } from 'next/server';
import { getAccessSettings } from '@/lib/security/access';
import { buildContentSecurityPolicy, createNonce, getStaticSecurityHeaders } from '@/lib/security/headers';
import { SESSION_COOKIE_NAME, verifySessionValue } from '@/lib/security/session';

// Runs before every page and route: gives each page a fresh CSP nonce, adds the security headers, and sends
// visitors without a session to the sign-in page. Every server action and route handler checks access
// itself as well: this redirect is a convenience, not the gate.

export const SIGN_IN_PATH = '/sign-in';

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded ? forwarded === 'https' : request.nextUrl.protocol === 'https:';
}

function needsSignIn(request: NextRequest): boolean {
  const access = getAccessSettings();
  if (!access.isAccessControlOn || !access.token) return false;
  const { pathname } = request.nextUrl;
  // Route handlers and server actions answer for themselves with a clear refusal instead of a redirect.
  if (pathname === SIGN_IN_PATH || pathname.startsWith('/api/') || request.headers.has('next-action')) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return !verifySessionValue(request.cookies.get(SESSION_COOKIE_NAME)?.value, access.token);
}

export function proxy(request: NextRequest): NextResponse {
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
    // Everything but the build's immutable static files, which carry no page and run no code of ours.
    '/((?!_next/static|_next/image|favicon.ico).*)',
  ],
};
