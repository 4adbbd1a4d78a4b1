import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { AccountAudit } from '@/lib/org/types';

// Says which member account a page shows, and as whom the dashboard read it.

export function MemberAccountBanner({ account }: { account: AccountAudit }) {
  return (
    <Alert tone="info" title={`Member account ${account.account.name} (${account.account.id})`} className="mb-4">
      <p>
        Read through its access role as <code className="break-all">{account.callerArn ?? 'an assumed role'}</code>. Its regions and graph
        are those of the last{' '}
        <Link href="/accounts" className="font-medium underline">
          organization audit
        </Link>
        .
      </p>
    </Alert>
  );
}
