import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { TargetProblemBanner } from '@/components/layout/target-problem';
import { SignedInOnly } from '@/components/security/signed-in-only';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'SSM Role Atlas', template: '%s · SSM Role Atlas' },
  description: 'The AWSServiceRoleForAmazonSSM service-linked role: presence, permissions, usage by region, and safe deletion.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
          <Suspense fallback={null}>
            <SignedInOnly>
              <TargetProblemBanner />
            </SignedInOnly>
          </Suspense>
          {children}
        </main>
      </body>
    </html>
  );
}
