'use client';

import './globals.css';

// Replaces the whole document when the root layout itself fails.

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 p-8">
        <title>SSM Role Atlas: error</title>
        <main className="mx-auto max-w-2xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold text-red-800">SSM Role Atlas could not start this page</h1>
          <p className="mt-2 text-sm text-slate-700">
            An unexpected failure stopped the dashboard. Check the server log; a restart usually helps after a configuration change.
          </p>
          {digest ? <p className="mt-2 text-xs text-slate-500">Reference for the server log: {digest}</p> : null}
          <button
            type="button"
            onClick={() => retry()}
            className="mt-4 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
