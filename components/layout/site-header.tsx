import Link from 'next/link';
import { Suspense } from 'react';
import { ReadOnlyBadge } from '@/components/security/read-only-badge';
import { SignOutButton } from '@/components/security/sign-out-button';
import { SignedInOnly } from '@/components/security/signed-in-only';
import { isOrganizationMode } from '@/lib/config';
import { MainNav, MainNavLinks } from './main-nav';
import { TargetSummary, TargetSummarySkeleton } from './target-summary';

export function SiteHeader() {
  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-indigo-500 text-center text-sm leading-6">
            A
          </span>
          SSM Role Atlas
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
          <SignedInOnly>
            <Suspense fallback={<TargetSummarySkeleton />}>
              <TargetSummary />
            </Suspense>
          </SignedInOnly>
          <ReadOnlyBadge />
          <Suspense fallback={null}>
            <SignOutButton />
          </Suspense>
        </div>
      </div>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 sm:px-6">
          {/* The URL's account is read in the browser: without it (prerendering), the links are the own account's. */}
          <Suspense fallback={<MainNavLinks isOrganizationMode={isOrganizationMode()} />}>
            <MainNav isOrganizationMode={isOrganizationMode()} />
          </Suspense>
        </div>
      </div>
    </header>
  );
}
