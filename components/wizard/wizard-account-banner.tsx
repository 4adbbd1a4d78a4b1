import Link from 'next/link';
import { Alert } from '@/components/ui/alert';

// Says, above every step, which member account of the organization the wizard changes, and as whom, so that
// nobody deletes in the wrong account.

export function WizardAccountBanner({ accountName, accountId, actingArn }: { accountName: string; accountId: string; actingArn: string }) {
  return (
    <Alert tone="warning" title={`Acting in member account ${accountName} (${accountId})`} className="mb-6">
      <p>
        Every step reads and changes account <span className="font-mono">{accountId}</span>, as its assumed access role{' '}
        <code className="break-all">{actingArn}</code>. Other accounts of the{' '}
        <Link href="/accounts" className="font-medium underline">
          organization
        </Link>{' '}
        are not touched.
      </p>
    </Alert>
  );
}
