import { isReadOnly } from '@/lib/security/guard';
import { READ_ONLY_MESSAGE } from '@/lib/security/decision';

// The header's reminder that this deployment changes nothing (ATLAS_READ_ONLY=1).

export function ReadOnlyBadge() {
  if (!isReadOnly()) return null;
  return (
    <span
      role="status"
      title={READ_ONLY_MESSAGE}
      className="inline-flex items-center gap-1 rounded-md bg-amber-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-950 ring-1 ring-amber-400 ring-inset"
    >
      <span aria-hidden="true">🔒</span>
      Read-only
      <span className="sr-only">: {READ_ONLY_MESSAGE}</span>
    </span>
  );
}
