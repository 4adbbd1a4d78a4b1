import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { RegionEvidenceTable } from '@/components/evidence/region-evidence-table';
import { ReadError } from '@/components/role/read-error';
import { CardSkeleton } from '@/components/ui/skeleton';
import { RegionAuditView } from '@/components/audit/region-audit-view';
import { RegionTable } from '@/components/audit/region-table';
import { LastScan } from '@/components/audit/last-scan';
import { VerdictBanner } from '@/components/audit/verdict-banner';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { MemberRescanNote } from '@/components/org/member-account-notes';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { getRunningAudit } from '@/lib/audit/run';
import { getAuditSnapshot } from '@/lib/audit/store';
import { toAuditOverview } from '@/lib/audit/summary';
import { toAwsError } from '@/lib/aws/errors';
import { getRoleEvidence } from '@/lib/evidence';
import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberAuditSnapshot } from '@/lib/org/store';
import type { AccountAudit } from '@/lib/org/types';
import { ROLE_NAME } from '@/lib/role/constants';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Regions' };

const DESCRIPTION = `What relies on ${ROLE_NAME} in every region where Systems Manager exists: maintenance-window tasks that run as the role block its deletion; Inventory, Explorer, resource groups and tags lose the data it gathers.`;

export default async function RegionsPage({ searchParams }: { searchParams: Promise<{ account?: string | string[] }> }) {
  await requirePageSession('/regions', searchParams);
  await connection();
  const scope = await getAccountScope((await searchParams).account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  if (scope.kind === 'member') return <MemberRegions member={scope.account} />;
  const snapshot = await getAuditSnapshot();
  const isRunning = getRunningAudit() !== null;
  return (
    <>
      <PageHeader title="Region audit" description={DESCRIPTION} />
      <RegionAuditView
        initial={snapshot ? { audit: toAuditOverview(snapshot.audit), isStale: snapshot.isStale, staleReason: snapshot.staleReason } : null}
        shouldStartScan={!snapshot || isRunning}
      >
        <div className="mt-6">
          <Suspense fallback={<CardSkeleton lines={5} />}>
            <RegionEvidenceSection />
          </Suspense>
        </div>
      </RegionAuditView>
    </>
  );
}

/** A member account's regions, from its part of the last organization audit (read, never scanned from here). */
async function MemberRegions({ member }: { member: AccountAudit }) {
  const accountId = member.account.id;
  const snapshot = await getMemberAuditSnapshot(accountId);
  const audit = snapshot ? toAuditOverview(snapshot.audit) : null;
  return (
    <>
      <MemberAccountBanner account={member} />
      <PageHeader title="Region audit" description={DESCRIPTION} />
      <div className="space-y-5">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {audit ? <LastScan finishedAt={audit.finishedAt} isStale={snapshot?.isStale ?? false} staleReason={snapshot?.staleReason} /> : null}
        </div>
        <MemberRescanNote />
        {audit ? (
          <>
            <VerdictBanner audit={audit} />
            <RegionTable
              rows={audit.regions.map((region) => ({ region: region.region, audit: region }))}
              lastUsedRegion={audit.roleLastUsedRegion}
              memberAccountId={accountId}
            />
          </>
        ) : (
          <Alert tone="info" title="No region audit of this account">
            <p>The last organization audit could not read this account’s regions.</p>
          </Alert>
        )}
        <Suspense fallback={<CardSkeleton lines={5} />}>
          <RegionEvidenceSection memberAccountId={accountId} />
        </Suspense>
      </div>
    </>
  );
}

/** `memberAccountId`: a member account's evidence (through its access role), joined to its part of the organization audit. */
async function RegionEvidenceSection({ memberAccountId }: { memberAccountId?: string }) {
  const [result, snapshot] = await Promise.all([
    getRoleEvidence(memberAccountId ? { memberAccountId } : {}).then(
      (evidence) => ({ ok: true as const, evidence }),
      (error: unknown) => ({ ok: false as const, error: toAwsError(error).toInfo() }),
    ),
    memberAccountId ? getMemberAuditSnapshot(memberAccountId) : getAuditSnapshot(),
  ]);
  if (!result.ok) return <ReadError title="The evidence of use could not be collected" error={result.error} />;
  return <RegionEvidenceTable evidence={result.evidence} audit={snapshot?.audit ?? null} nowMs={Date.parse(result.evidence.collectedAt)} />;
}
