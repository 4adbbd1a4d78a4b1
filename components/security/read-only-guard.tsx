import type { ReactNode } from 'react';
import { READ_ONLY_MESSAGE } from '@/lib/security/decision';
import { isReadOnly } from '@/lib/security/guard';

// Wraps controls that change something. In read-only mode (ATLAS_READ_ONLY=1) it says why they are off and
// disables every control inside (a disabled fieldset); the server refuses the changes regardless.

export function ReadOnlyGuard({ children, what = 'The controls below' }: { children: ReactNode; what?: string }) {
  if (!isReadOnly()) return children;
  return (
    <div className="space-y-3">
      <p
        id="read-only-reason"
        role="note"
        className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      >
        <span className="font-semibold">Read-only mode.</span> {what} are disabled: {READ_ONLY_MESSAGE}
      </p>
      <fieldset disabled aria-describedby="read-only-reason" className="min-w-0">
        {children}
      </fieldset>
    </div>
  );
}
