import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { RegionEvidenceTable } from '@/components/evidence/region-evidence-table';
import { ReadError } from '@/components/role/read-error';
import { CardSkeleton } from '@/components/ui/skeleton';
import { RegionAuditView } from '@/components/audit/region-audit-view';
import { PageHeader } from '@/components/ui/page-header';
import { getRunningAudit } from '@/lib/audit/run';
import { getAuditSnapshot } from '@/lib/audit/store';
import { toAuditOverview } from '@/lib/audit/summary';
import { toAwsError } from '@/lib/aws/errors';
import { getRoleEvidence } from '@/lib/evidence';
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
      <div className="mt-6">
        <Suspense fallback={<CardSkeleton lines={5} />}>
          <RegionEvidenceSection />
        </Suspense>
      </div>
    </>
  );
}

async function RegionEvidenceSection() {
  const [result, snapshot] = await Promise.all([
    getRoleEvidence().then(
      (evidence) => ({ ok: true as const, evidence }),
      (error: unknown) => ({ ok: false as const, error: toAwsError(error).toInfo() }),
    ),
    getAuditSnapshot(),
  ]);
  if (!result.ok) return <ReadError title="The evidence of use could not be collected" error={result.error} />;
  return <RegionEvidenceTable evidence={result.evidence} audit={snapshot?.audit ?? null} nowMs={Date.parse(result.evidence.collectedAt)} />;
}
