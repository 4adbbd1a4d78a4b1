import Link from 'next/link';

// What a member account's pages say in place of the caller's own region scan.

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
