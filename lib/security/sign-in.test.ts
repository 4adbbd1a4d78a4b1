import { describe, expect, it } from 'vitest';
import { getSafeReturnPath, signInInputSchema } from './sign-in';

describe('getSafeReturnPath', () => {
  it('keeps a path of this site with its query', () => {
    expect(getSafeReturnPath('/regions')).toBe('/regions');
    expect(getSafeReturnPath('/regions/us-east-1?filter=blocking')).toBe('/regions/us-east-1?filter=blocking');
  });

  it('sends anything else home: other sites, protocol-relative, backslashes, schemes, the sign-in page itself', () => {
    for (const value of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', 'regions', '', '/sign-in', '/a\nb', 42, undefined, '/x'.repeat(2000)]) {
      expect(getSafeReturnPath(value), String(value).slice(0, 30)).toBe('/');
    }
  });
});

describe('signInInputSchema', () => {
  it('asks for a token and caps its length', () => {
    expect(signInInputSchema.safeParse({ token: '', next: '/' }).error?.issues[0]?.message).toBe('Enter the access token.');
    expect(signInInputSchema.safeParse({ next: '/' }).error?.issues[0]?.message).toBe('Enter the access token.');
    expect(signInInputSchema.safeParse({ token: 'x'.repeat(1025) }).success).toBe(false);
    expect(signInInputSchema.parse({ token: 'abc', next: '//evil' })).toEqual({ token: 'abc', next: '/' });
  });
});
