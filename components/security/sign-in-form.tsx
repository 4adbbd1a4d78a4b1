'use client';

import { useActionState } from 'react';
import { signInAction, type SignInState } from '@/app/sign-in/actions';
import { Button } from '@/components/ui/button';

export function SignInForm({ next }: { next: string }) {
  const [state, formAction, isPending] = useActionState<SignInState, FormData>(signInAction, null);
  const error = state && !state.ok ? state.message : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="access-token" className="block text-sm font-medium text-slate-800">
          Access token
        </label>
        <input
          id="access-token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'access-token-hint access-token-error' : 'access-token-hint'}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm focus-visible:border-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        <p id="access-token-hint" className="mt-1 text-xs text-slate-600">
          The value of ATLAS_ACCESS_TOKEN on the server.
        </p>
        {error ? (
          <p id="access-token-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="primary" disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
