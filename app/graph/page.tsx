import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { GraphExplorer } from '@/components/graph/graph-explorer';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { PageHeader } from '@/components/ui/page-header';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { MemberRescanNote } from '@/components/org/member-account-notes';
import { getAuditSnapshot } from '@/lib/audit/store';
import { peekRoleEvidence } from '@/lib/evidence';
import { toGraphSource } from '@/lib/graph/source';
import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberAuditSnapshot } from '@/lib/org/store';
import { CAPABILITIES, type Capability, type GraphFilters } from '@/lib/graph/types';
import { regionCodeSchema } from '@/lib/validation/schemas';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Dependency graph' };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** ?region=eu-west-1&capability=inventory&blockers=1&q=patch open the graph already filtered. */
function parseInitialFilters(params: SearchParams): Partial<GraphFilters> {
  const region = regionCodeSchema.safeParse(first(params.region));
  const capability = first(params.capability);
  return {
    regions: region.success ? [region.data] : [],
    capabilities: CAPABILITIES.includes(capability as Capability) ? [capability as Capability] : [],
    isBlockersOnly: first(params.blockers) === '1',
    search: (first(params.q) ?? '').slice(0, 200),
  };
}

export default async function GraphPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageSession('/graph', searchParams);
  await connection();
  const params = await searchParams;
  const scope = await getAccountScope(params.account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  const memberAccountId = scope.kind === 'member' ? scope.account.account.id : undefined;
  const snapshot = memberAccountId ? await getMemberAuditSnapshot(memberAccountId) : await getAuditSnapshot();
  return (
    <>
      {scope.kind === 'member' ? <MemberAccountBanner account={scope.account} /> : null}
      <PageHeader
        title="Dependency graph"
        description="What keeps the role alive, region by region: role → capability → region → maintenance window → task, and Inventory and Explorer, as found by the last scan."
      />
      {!snapshot && memberAccountId ? (
        <Alert tone="info" title="No region audit of this account">
          <MemberRescanNote />
        </Alert>
      ) : !snapshot ? (
        <Alert tone="info" title="No audit yet">
          <p>
            The graph is drawn from the last region audit, and none has run yet.{' '}
            <Link href="/regions" className="font-medium underline">
              Run an audit on the Regions page
            </Link>
            .
          </p>
        </Alert>
      ) : (
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
            <span>
              From the scan of <DateTime iso={snapshot.audit.finishedAt} />
            </span>
            {snapshot.isStale ? <Badge tone="warning" title={snapshot.staleReason}>Stale: {snapshot.staleReason ?? 'scan again'}</Badge> : null}
            {!snapshot.audit.roleExists ? <Badge tone="neutral">The role is absent from the account</Badge> : null}
            {memberAccountId ? (
              <MemberRescanNote />
            ) : (
              <Link href="/regions" className="text-indigo-700 hover:underline">
                Scan again
              </Link>
            )}
          </div>
          <GraphExplorer source={toGraphSource(snapshot.audit, { memberAccountId, evidence: peekRoleEvidence({ memberAccountId }) })} initialFilters={parseInitialFilters(params)} />
        </div>
      )}
    </>
  );
}
