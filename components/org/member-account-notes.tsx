import Link from 'next/link';
import { Alert } from '@/components/ui/alert';

// The sentences a member account's pages show in place of what the dashboard does only in its own account.

/** Where to make a change that the member account's page does not offer. */
export function MemberChangeElsewhere({ what, accountId }: { what: string; accountId: string }) {
  return (
    <Alert tone="neutral" title={`${what} is not offered for a member account`}>
      <p>
        The dashboard changes nothing here in account <span className="font-mono">{accountId}</span>. Do it in that account itself: in
        the AWS console or CLI signed in to it, or with the dashboard run on that account’s own credentials.
      </p>
    </Alert>
  );
}

/** How a member account's audit is refreshed: by the organization audit, never by the caller's own region scan. */
export function MemberRescanNote() {
  return (
    <p className="text-sm text-slate-600">
      A member account’s regions are read by the organization audit. To read them again,{' '}
      <Link href="/accounts" className="font-medium text-indigo-700 underline">
        run the organization audit
      </Link>
      .
    </p>
  );
}
