// The guard's rules as plain functions, so they can be tested without a request.

export type AccessDecision = { ok: true } | { ok: false; reason: 'no-session' | 'read-only' | 'cross-origin'; message: string };

export const SIGN_IN_REQUIRED_MESSAGE = 'Sign in first: this dashboard requires its access token.';
export const READ_ONLY_MESSAGE =
  'This dashboard runs in read-only mode (ATLAS_READ_ONLY=1): it can show the role and its use, but changes nothing.';
export const CROSS_ORIGIN_MESSAGE = 'Refused: the request did not come from this dashboard’s own pages.';

export interface AccessFacts {
  isAccessControlOn: boolean;
  hasValidSession: boolean;
  isReadOnly: boolean;
  mutates: boolean;
}

/** Who may do what: a session first (when access control is on), then read-only refuses every change. */
export function decideAccess(facts: AccessFacts): AccessDecision {
  if (facts.isAccessControlOn && !facts.hasValidSession) {
    return { ok: false, reason: 'no-session', message: SIGN_IN_REQUIRED_MESSAGE };
  }
  if (facts.mutates && facts.isReadOnly) return { ok: false, reason: 'read-only', message: READ_ONLY_MESSAGE };
  return { ok: true };
}

export interface OriginFacts {
  origin: string | null;
  secFetchSite: string | null;
  /** The host the request was addressed to (X-Forwarded-Host, else Host). */
  host: string | null;
}

/**
 * Cross-site request protection for route handlers. A browser names where a request comes from (Origin, and
 * Sec-Fetch-Site); a request naming another site, or an Origin other than the host it was sent to, is refused.
 * A request that names neither is not from a browser page, so it carries no ambient session cookie a
 * third-party page could abuse (the same rule as Go's net/http CrossOriginProtection).
 */
export function isSameOriginRequest(facts: OriginFacts): boolean {
  if (facts.secFetchSite) {
    const site = facts.secFetchSite.toLowerCase();
    if (site === 'same-origin' || site === 'none') return originMatchesHost(facts.origin, facts.host);
    return false;
  }
  if (facts.origin) return originMatchesHost(facts.origin, facts.host);
  return true;
}

function originMatchesHost(origin: string | null, host: string | null): boolean {
  if (!origin) return true;
  if (origin === 'null' || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
