import type { Metadata } from 'next';
import { connection } from 'next/server';
import { OrgAuditView } from '@/components/org/org-audit-view';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { isOrganizationMode } from '@/lib/config';
import { getRunningOrganizationAudit } from '@/lib/org/run';
import { getLastOrgAudit } from '@/lib/org/store';
import { toOrgOverview } from '@/lib/org/summary';
import { ROLE_NAME } from '@/lib/role/constants';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage() {
  await requirePageSession('/accounts');
  await connection();
  const header = (
    <PageHeader
      title="Organization"
      description={`Every account of the organization and every region in it: where ${ROLE_NAME} is still relied on, where deleting it would lose data, and where nothing could be read.`}
    />
  );
  if (!isOrganizationMode()) {
    return (
      <>
        {header}
        <Alert tone="info" title="Organization mode is off">
          <p>
            Start the dashboard with <code>ATLAS_ORG=1</code> to cover every account of an AWS Organization, or with{' '}
            <code>ATLAS_ACCOUNT_IDS</code> to name the accounts (see the README’s “Organization mode”).
          </p>
        </Alert>
      </>
    );
  }
  const audit = await getLastOrgAudit();
  return (
    <>
      {header}
      <OrgAuditView initial={audit ? toOrgOverview(audit) : null} shouldStart={!audit || getRunningOrganizationAudit() !== null} />
    </>
  );
}
