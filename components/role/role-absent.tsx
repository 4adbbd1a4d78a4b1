import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { withAccount } from '@/lib/org/account-href';
import { ROLE_NAME, ROLE_PATH } from '@/lib/role/constants';

// What the dashboard says when the account has no service-linked role for Systems Manager.

/** `memberAccountId`: the member account shown, so that its links stay in it. */
export function RoleAbsent({ accountId, memberAccountId }: { accountId: string; memberAccountId?: string }) {
  return (
    <Card title="The role does not exist">
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          Account <span className="font-mono">{accountId}</span> has no role named <span className="font-mono">{ROLE_NAME}</span>.
          Systems Manager features that need it will create it on first use, under the path <span className="font-mono">{ROLE_PATH}</span>.
        </p>
        <div>
          <h3 className="font-semibold text-slate-900">What creates it</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>Setting up Inventory, which needs it to collect tags and resource groups.</li>
            <li>Turning on Explorer (OpsData and OpsItems across accounts and regions).</li>
            <li>Quick Setup configurations for Systems Manager.</li>
            <li>Registering a maintenance-window task without its own service role (RegisterTaskWithMaintenanceWindow).</li>
            <li>Creating it directly: IAM CreateServiceLinkedRole with the service name ssm.amazonaws.com.</li>
          </ul>
        </div>
        <p>
          If you deleted it on purpose, check the <Link className="text-indigo-700 underline" href={withAccount('/regions', memberAccountId)}>regions</Link> for anything
          that would recreate it, and the <Link className="text-indigo-700 underline" href={withAccount('/activity', memberAccountId)}>activity log</Link> for what happened.
        </p>
      </div>
    </Card>
  );
}
