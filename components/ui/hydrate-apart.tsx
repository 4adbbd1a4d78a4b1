import { Suspense, type ReactNode } from 'react';

/**
 * Server-rendered content that the browser hydrates in a pass of its own, after the rest of the page and in short
 * slices: React hydrates the server HTML of a Suspense boundary apart, at a low priority that yields to the
 * browser, so a long page's hydration is never one long task. Nothing inside may suspend: the HTML arrives with
 * the page and no fallback is ever shown.
 */
export function HydrateApart({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>;
}
