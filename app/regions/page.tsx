import type { Metadata } from 'next';
import { connection } from 'next/server';
import { RegionAuditView } from '@/components/audit/region-audit-view';
import { PageHeader } from '@/components/ui/page-header';
import { getRunningAudit } from '@/lib/audit/run';
import { getAuditSnapshot } from '@/lib/audit/store';
import { toAuditOverview } from '@/lib/audit/summary';
import { ROLE_NAME } from '@/lib/role/constants';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Regions' };

export default async function RegionsPage() {
  await requirePageSession('/regions');
  await connection();
  const snapshot = await getAuditSnapshot();
  const isRunning = getRunningAudit() !== null;
  return (
    <>
      <PageHeader
        title="Region audit"
        description={`What relies on ${ROLE_NAME} in every region where Systems Manager exists: maintenance-window tasks that run as the role block its deletion; Inventory, Explorer, resource groups and tags lose the data it gathers.`}
      />
      <RegionAuditView
        initial={snapshot ? { audit: toAuditOverview(snapshot.audit), isStale: snapshot.isStale, staleReason: snapshot.staleReason } : null}
        shouldStartScan={!snapshot || isRunning}
      />
    </>
  );
}
