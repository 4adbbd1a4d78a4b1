'use client';

import { useEffect } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';

// A friendly page for unexpected failures: no stack trace, the reference to find it in the server log, a retry.

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section aria-labelledby="error-title" className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h2 id="error-title" className="text-lg font-semibold text-red-800">
        This page could not be loaded
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        Something failed while reading the account. If a problem with the target is shown above, fix it first; a throttled or
        briefly unavailable service usually recovers on a retry.
      </p>
      {digest ? <p className="mt-2 text-xs text-slate-500">Reference for the server log: {digest}</p> : null}
      <div className="mt-4 flex gap-2">
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
        <ButtonLink href="/">Back to the overview</ButtonLink>
      </div>
    </section>
  );
}
