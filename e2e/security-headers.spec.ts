import { expect, test } from './fixtures';

// Every page carries a nonce-based Content-Security-Policy and the other security headers, and every script the
// page runs carries that request's nonce, so nothing is blocked and nothing injected could run.

const PAGES = ['/', '/role', '/regions', '/regions/us-east-1', '/graph', '/delete', '/activity', '/sign-in'];

const REQUIRED_DIRECTIVES = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

test.describe('security headers', () => {
  for (const pathname of PAGES) {
    test(`${pathname} sends a fresh nonce-based CSP that matches every script of the page`, async ({ page, sandbox, request }) => {
      await sandbox.reset('demo');
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
      });
      await page.addInitScript(() => {
        const holder = window as unknown as { cspViolations: string[] };
        holder.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => holder.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
      });

      const response = await page.goto(pathname);
      expect(response, `a response for ${pathname}`).not.toBeNull();
      expect(response!.status()).toBeLessThan(500);
      const headers = response!.headers();
      const policy = headers['content-security-policy'] ?? '';
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
      expect(nonce, `a nonce in ${policy}`).toBeTruthy();
      for (const directive of REQUIRED_DIRECTIVES) expect(policy).toContain(directive);
      expect(policy).not.toContain('unsafe-eval');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['permissions-policy']).toContain('camera=()');

      // Every script tag the server sent carries this response's nonce. (Chunks the runtime loads later need none:
      // 'strict-dynamic' trusts what a nonced script inserts, and the violation check below proves they ran.)
      const html = await response!.text();
      const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scriptTags.length).toBeGreaterThan(0);
      for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
      const stylesheetLinks = html.match(/<link\b[^>]*rel="stylesheet"[^>]*>/g) ?? [];
      for (const tag of stylesheetLinks) expect(tag).toContain(`nonce="${nonce}"`);

      // The Next.js client runtime ran (it defines window.next), so its scripts were allowed; nothing was blocked.
      await page.waitForFunction(() => typeof (window as unknown as { next?: unknown }).next === 'object');
      const reported = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      expect([...violations, ...reported]).toEqual([]);

      // A second request gets a different nonce.
      const again = await request.get(pathname);
      const secondNonce = /'nonce-([^']+)'/.exec(again.headers()['content-security-policy'] ?? '')?.[1];
      expect(secondNonce).toBeTruthy();
      expect(secondNonce).not.toBe(nonce);
    });
  }

  test('route handlers carry the headers too', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('static scripts are served with nosniff and no referrer', async ({ page, request }) => {
    await page.goto('/');
    const scriptSource = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    expect(scriptSource).toBeTruthy();
    const response = await request.get(scriptSource!);
    expect(response.ok()).toBe(true);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['referrer-policy']).toBe('no-referrer');
  });
});
