import { describe, expect, it } from 'vitest';
import { getAccountHref, withAccount } from '@/lib/org/account-href';

describe('account links', () => {
  it('leaves the path alone for the dashboard’s own account', () => {
    expect(withAccount('/regions', undefined)).toBe('/regions');
    expect(withAccount('/regions', null)).toBe('/regions');
    expect(getAccountHref('/graph', '111111111111', true)).toBe('/graph');
  });

  it('adds the member account as a query parameter', () => {
    expect(withAccount('/regions/us-east-1', '222222222222')).toBe('/regions/us-east-1?account=222222222222');
    expect(getAccountHref('/', '222222222222', false)).toBe('/?account=222222222222');
  });

  it('keeps an existing query and fragment, and replaces an earlier account', () => {
    expect(withAccount('/graph?region=eu-west-1#node', '222222222222')).toBe('/graph?region=eu-west-1&account=222222222222#node');
    expect(withAccount('/role?account=333333333333', '222222222222')).toBe('/role?account=222222222222');
  });

  it('never puts anything but a 12-digit id in a link', () => {
    expect(withAccount('/role', '12345')).toBe('/role');
    expect(withAccount('/role', '../evil')).toBe('/role');
  });
});
