import { beforeEach, describe, expect, it, vi } from 'vitest';

const session = vi.hoisted(() => ({ active: false }));
vi.mock('@/lib/security/guard', () => ({ hasSession: async () => session.active }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { requirePageSession } = await import('@/lib/security/page-gate');

describe('the page gate', () => {
  beforeEach(() => {
    session.active = false;
  });

  it('lets a visitor with a session through', async () => {
    session.active = true;
    await expect(requirePageSession('/delete', Promise.resolve({ account: '222222222222' }))).resolves.toBeUndefined();
  });

  it('sends a visitor without a session to sign-in, back to the same page afterwards', async () => {
    await expect(requirePageSession('/')).rejects.toThrow('redirect /sign-in');
    await expect(requirePageSession('/role')).rejects.toThrow(`redirect /sign-in?next=${encodeURIComponent('/role')}`);
  });

  it('keeps a member account in the way back, and only a well-formed one', async () => {
    await expect(requirePageSession('/delete', Promise.resolve({ account: '222222222222' }))).rejects.toThrow(
      `redirect /sign-in?next=${encodeURIComponent('/delete?account=222222222222')}`,
    );
    await expect(requirePageSession('/', Promise.resolve({ account: '222222222222' }))).rejects.toThrow(
      `redirect /sign-in?next=${encodeURIComponent('/?account=222222222222')}`,
    );
    await expect(requirePageSession('/role', Promise.resolve({ account: '//evil.example' }))).rejects.toThrow(
      `redirect /sign-in?next=${encodeURIComponent('/role')}`,
    );
    await expect(requirePageSession('/role', Promise.resolve({ account: ['222222222222', '333333333333'] }))).rejects.toThrow(
      `redirect /sign-in?next=${encodeURIComponent('/role')}`,
    );
  });
});
