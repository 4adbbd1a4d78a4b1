import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { RegionEvidenceBadge } from '@/components/evidence/region-evidence-table';
import { RegionDetail } from '@/components/audit/region-detail';
import { ScanStatusBadge } from '@/components/audit/scan-status-badge';
import { RegionGraph } from '@/components/graph/region-graph';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { PageHeader } from '@/components/ui/page-header';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { MemberRescanNote } from '@/components/org/member-account-notes';
import { getAuditSnapshot } from '@/lib/audit/store';
import { describeStatus, getRegionCounts, isRegionUnknown } from '@/lib/audit/summary';
import type { RegionAudit } from '@/lib/audit/types';
import { getRoleEvidence } from '@/lib/evidence';
import { getRegionEvidenceMarker } from '@/lib/evidence/join';
import { CLOUDTRAIL_HISTORY_DAYS } from '@/lib/evidence/types';
import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberAuditSnapshot } from '@/lib/org/store';
import { getRegionName } from '@/lib/regions';
import { regionCodeSchema } from '@/lib/validation/schemas';
import { requirePageSession } from '@/lib/security/page-gate';
import { pluralize } from '@/lib/format/count';

type RegionPageProps = { params: Promise<{ region: string }>; searchParams: Promise<{ account?: string | string[] }> };

export async function generateMetadata({ params }: RegionPageProps): Promise<Metadata> {
  const { region } = await params;
  const parsed = regionCodeSchema.safeParse(region);
  return { title: parsed.success ? `${parsed.data} · Regions` : 'Unknown region' };
}

export default async function RegionPage({ params, searchParams }: RegionPageProps) {
  await requirePageSession('/regions', searchParams);
  const parsed = regionCodeSchema.safeParse((await params).region);
  if (!parsed.success) notFound();
  const code = parsed.data;
  await connection();
  const scope = await getAccountScope((await searchParams).account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  const snapshot = scope.kind === 'member' ? await getMemberAuditSnapshot(scope.account.account.id) : await getAuditSnapshot();
  const regionAudit = snapshot?.audit.regions.find((entry) => entry.region.code === code);
  const counts = regionAudit ? getRegionCounts(regionAudit) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        {scope.kind === 'member' ? (
          <Link href="/accounts" className="text-indigo-700 hover:underline">
            ← Organization
          </Link>
        ) : (
          <Link href="/regions" className="text-indigo-700 hover:underline">
            ← All regions
          </Link>
        )}
      </p>
      {scope.kind === 'member' ? <MemberAccountBanner account={scope.account} /> : null}
      <PageHeader
        title={`${getRegionName(code)} (${code})`}
        description="What in this region relies on the service-linked role, as of the last scan."
        actions={regionAudit ? <ScanStatusBadge status={regionAudit.status} /> : undefined}
      />
      {!snapshot ? (
        <Alert tone="info" title="No scan yet">
          {scope.kind === 'member' ? (
            <MemberRescanNote />
          ) : (
            <p>
              <Link href="/regions" className="font-medium underline">
                Scan all regions
              </Link>{' '}
              to see what this region holds.
            </p>
          )}
        </Alert>
      ) : !regionAudit ? (
        <Alert tone="info" title="Not part of the last scan">
          <p>Systems Manager was not listed in this region for the account when the last scan ran.</p>
        </Alert>
      ) : (
        <div className="space-y-6">
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
            <span>
              Scanned <DateTime iso={regionAudit.finishedAt} />
            </span>
            {snapshot.isStale ? <Badge tone="warning">Stale</Badge> : null}
            <span>
              {pluralize(regionAudit.callCount, 'AWS call')}
            </span>
            {counts && counts.tasksOnRole > 0 ? (
              <Badge tone="danger">
                {pluralize(counts.tasksOnRole, 'task')} block deletion
              </Badge>
            ) : null}
            {snapshot.audit.roleLastUsedRegion === code ? <Badge tone="info">Role last used here</Badge> : null}
          </div>
          <Suspense fallback={<p className="text-sm text-slate-500">Reading the evidence of use…</p>}>
            <RegionEvidenceLine code={code} regionAudit={regionAudit} memberAccountId={scope.kind === 'member' ? scope.account.account.id : undefined} />
          </Suspense>
          {regionAudit.warnings.map((warning) => (
            <Alert key={warning} tone="warning" title="Partial data">
              <p>{warning}</p>
            </Alert>
          ))}
          {regionAudit.findings ? (
            <RegionDetail partition={snapshot.audit.target.partition} region={code} findings={regionAudit.findings} />
          ) : (
            <Alert
              tone={isRegionUnknown(regionAudit.status) ? 'danger' : 'neutral'}
              title={regionAudit.status.kind === 'not-enabled' ? 'Not enabled' : regionAudit.status.kind === 'no-ssm' ? 'No Systems Manager' : 'Could not be read'}
            >
              <p>{describeStatus(regionAudit.status)}</p>
              {isRegionUnknown(regionAudit.status) ? <p>Until it is read, this region counts as unknown, never as clean.</p> : null}
            </Alert>
          )}
          {/* Region graph: the dependency graph of this region (role → window → task) renders in this section. */}
          <section id="region-graph" aria-label="Region graph">
            <RegionGraph audit={snapshot.audit} regionCode={code} memberAccountId={scope.kind === 'member' ? scope.account.account.id : undefined} />
          </section>
        </div>
      )}
    </>
  );
}

async function RegionEvidenceLine({ code, regionAudit, memberAccountId }: { code: string; regionAudit: RegionAudit; memberAccountId?: string }) {
  const evidence = await getRoleEvidence(memberAccountId ? { memberAccountId } : {}).catch(() => null);
  const regionEvidence = evidence?.regions.find((region) => region.region === code);
  const marker = getRegionEvidenceMarker(regionAudit, regionEvidence);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="region-evidence">
      <span>Evidence of use (CloudTrail, {CLOUDTRAIL_HISTORY_DAYS} days):</span>
      {regionEvidence?.lastUsedAt ? (
        <span>
          last assumed by Systems Manager <DateTime iso={regionEvidence.lastUsedAt} />
        </span>
      ) : regionEvidence?.status.kind === 'read' ? (
        <span>no use</span>
      ) : (
        <span>could not be read</span>
      )}
      <RegionEvidenceBadge marker={marker} />
    </p>
  );
}
