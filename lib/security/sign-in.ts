import { z } from 'zod';

// What the sign-in form accepts, and where it may send the visitor afterwards.

/** Only a path on this site: never another origin, never a protocol-relative or backslash trick. */
export function getSafeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return '/';
  try {
    // Checked after the URL parser resolved dot segments and percent-decoding tricks: `/..//evil.example/x`
    // becomes `//evil.example/x`, which a browser would read as another site.
    const url = new URL(value, 'http://atlas.invalid');
    if (url.origin !== 'http://atlas.invalid') return '/';
    const pathname = url.pathname;
    if (!pathname.startsWith('/') || pathname.startsWith('//') || pathname.startsWith('/\\') || /%2f|%5c/i.test(pathname.slice(0, 4))) return '/';
    if (pathname === '/sign-in') return '/';
    const result = `${pathname}${url.search}${url.hash}`;
    // The result must itself be a path this function accepts unchanged (no second reading gives another site).
    return new URL(result, 'http://atlas.invalid').origin === 'http://atlas.invalid' ? result : '/';
  } catch {
    return '/';
  }
}

export const signInInputSchema = z.object({
  token: z
    .string({ error: (issue) => (issue.input === undefined ? 'Enter the access token.' : 'The access token must be text.') })
    .min(1, { error: 'Enter the access token.' })
    .max(1024, { error: 'That is not the access token: it is far too long.' }),
  next: z.unknown().transform(getSafeReturnPath),
});
