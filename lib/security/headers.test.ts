import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce, getNonceFromPolicy, getStaticSecurityHeaders } from './headers';

describe('Content-Security-Policy', () => {
  it('carries the nonce and every directive the dashboard relies on', () => {
    const policy = buildContentSecurityPolicy('abc123==');
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123==' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(getNonceFromPolicy(policy)).toBe('abc123==');
  });

  it('allows eval and the hot-reload socket only in development', () => {
    expect(buildContentSecurityPolicy('n', true)).toContain("'unsafe-eval'");
    expect(buildContentSecurityPolicy('n', true)).toContain('connect-src \'self\' ws: wss:');
    expect(buildContentSecurityPolicy('n', false)).not.toContain('unsafe-eval');
  });

  it('draws a new unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
  });
});

describe('other headers', () => {
  it('forbid sniffing, framing and referrers, and add HSTS only over https', () => {
    const plain = getStaticSecurityHeaders(false);
    expect(plain).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
    expect(plain['Strict-Transport-Security']).toBeUndefined();
    expect(getStaticSecurityHeaders(true)['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});
