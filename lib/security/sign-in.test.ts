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

describe('getSafeReturnPath after normalisation (open-redirect cases)', () => {
  it('never returns an address that a browser reads as another site, however the dot segments fall', () => {
    const attempts = [
      '/..//evil.example/x',
      '/../..//evil.example',
      '/x/../..//evil.example/x',
      '/.//evil.example',
      '/%2e%2e//evil.example/x',
      '/%2E%2E/%2E%2E//evil.example',
      '/./\\evil.example',
      '/..\\evil.example',
      '/\t/evil.example',
      '/%2f%2fevil.example',
    ];
    for (const value of attempts) {
      const result = getSafeReturnPath(value);
      // Independent oracle: resolve the answer as a browser would, against the dashboard's own origin.
      expect(new URL(result, 'https://atlas.test').origin, `${value} → ${result}`).toBe('https://atlas.test');
      expect(result.startsWith('//') || result.startsWith('/\\'), `${value} → ${result}`).toBe(false);
    }
    expect(getSafeReturnPath('/..//evil.example/x')).toBe('/');
  });

  it('still keeps ordinary paths after resolving their dot segments', () => {
    expect(getSafeReturnPath('/regions/../role')).toBe('/role');
    expect(getSafeReturnPath('/delete?step=confirm#top')).toBe('/delete?step=confirm#top');
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
