import { signOutAction } from '@/app/sign-in/actions';
import { hasSession, isAccessControlOn } from '@/lib/security/guard';

// Shown only when access control is on and the visitor is signed in.

export async function SignOutButton({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  if (!isAccessControlOn() || !(await hasSession())) return null;
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className={
          tone === 'dark'
            ? 'rounded-md px-2.5 py-1 text-xs font-medium text-slate-100 ring-1 ring-slate-500 ring-inset hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white'
            : 'rounded-md px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600'
        }
      >
        Sign out
      </button>
    </form>
  );
}
