import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/security/sign-in-form';
import { SignOutButton } from '@/components/security/sign-out-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getAccessSettings } from '@/lib/config';
import { hasSession } from '@/lib/security/guard';
import { getSafeReturnPath } from '@/lib/security/sign-in';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = getSafeReturnPath((await searchParams).next);
  const access = getAccessSettings();

  if (!access.isAccessControlOn) {
    return (
      <div className="mx-auto max-w-md">
        <PageHeader title="Sign in" />
        <Card>
          <p className="text-sm text-slate-700">
            Access control is off: ATLAS_ACCESS_TOKEN is not set, so this dashboard listens on this machine (loopback) only
            and needs no sign-in.
          </p>
          <p className="mt-3 text-sm">
            <Link href="/" className="font-medium text-indigo-700 underline hover:text-indigo-900">
              Go to the overview
            </Link>
          </p>
        </Card>
      </div>
    );
  }

  if (await hasSession()) {
    return (
      <div className="mx-auto max-w-md">
        <PageHeader title="Signed in" />
        <Card>
          <p className="text-sm text-slate-700">You are signed in to this dashboard.</p>
          <div className="mt-4 flex items-center gap-3">
            <Link href={next} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
              Continue
            </Link>
            <SignOutButton tone="light" />
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" description="This dashboard holds credentials that can change an IAM role: sign in with its access token." />
      <Card>
        <SignInForm next={next} />
      </Card>
    </div>
  );
}
