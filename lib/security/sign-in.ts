import { z } from 'zod';

// What the sign-in form accepts, and where it may send the visitor afterwards.

/** Only a path on this site: never another origin, never a protocol-relative or backslash trick. */
export function getSafeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://atlas.invalid');
    if (url.origin !== 'http://atlas.invalid') return '/';
    if (url.pathname === '/sign-in') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
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
