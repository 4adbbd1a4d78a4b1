import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ShowWhenReady } from '@/components/ui/show-when-ready';
import { PageSkeleton } from '@/components/ui/skeleton';
import { LastAuditCard } from '@/components/role/last-audit-card';
import { ReadError } from '@/components/role/read-error';
import { RoleAbsent } from '@/components/role/role-absent';
import { CreateRoleForm } from '@/components/lifecycle/create-role-form';
import { ReadOnlyGuard } from '@/components/security/read-only-guard';
import { RoleSummary } from '@/components/role/role-summary';
import { WatchPanel } from '@/components/watch/watch-panel';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { MemberAccountProvider } from '@/components/org/member-account-context';
import { getAuditSnapshot } from '@/lib/audit/store';
import { getAwsClients } from '@/lib/aws/clients';
import { readServiceLinkedRole } from '@/lib/aws/iam';
import { withAccount } from '@/lib/org/account-href';
import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberAuditSnapshot } from '@/lib/org/store';
import type { AccountAudit } from '@/lib/org/types';
import { ROLE_NAME } from '@/lib/role/constants';
import { getTargetStatus } from '@/lib/target';
import { getWatchOverview } from '@/lib/watch/view';
import { requirePageSession } from '@/lib/security/page-gate';

const NEXT_STEPS = [
  { href: '/role', title: 'Role and permissions', text: 'Trust policy, the managed policy and every action it grants, explained.' },
  { href: '/regions', title: 'Regions', text: 'Every region scanned for what relies on the role.' },
  { href: '/graph', title: 'Graph', text: 'Role → capability → region → window → task, with blockers marked.' },
  { href: '/delete', title: 'Delete', text: 'Guided clean-up and deletion, with typed confirmation.' },
  { href: '/activity', title: 'Activity', text: 'Every change made from this dashboard.' },
];

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ account?: string | string[] }> }) {
  await requirePageSession('/', searchParams);
  await connection();
  const scope = await getAccountScope((await searchParams).account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  const member = scope.kind === 'member' ? scope.account : null;
  // When the role, the last audit and the watch are slow to read, the header and a skeleton come first.
  return (
    <>
      {member ? <MemberAccountBanner account={member} /> : null}
      <PageHeader title="Overview" description={`Is ${ROLE_NAME} there, and what relies on it?`} />
      <ShowWhenReady content={renderOverviewBody(member)} fallback={<PageSkeleton label="Loading the role and the last audit…" cards={3} hasTitle={false} />} />
    </>
  );
}

/** The page below its header, once everything it shows has been read (the content's own reads included). */
async function renderOverviewBody(member: AccountAudit | null): Promise<ReactNode> {
  const status = await getTargetStatus();
  if (!status.ok) return <p className="text-sm text-slate-600">The role appears here once the target can be read.</p>;
  return member ? await MemberOverviewContent({ member }) : await OverviewContent({ accountId: status.identity.accountId });
}

function SectionLinks({ memberAccountId }: { memberAccountId?: string }) {
  return (
    <nav aria-label="Sections">
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {NEXT_STEPS.map((step) => (
          <li key={step.href}>
            <Link href={withAccount(step.href, memberAccountId)} className="block h-full rounded-lg focus-visible:outline-2 focus-visible:outline-indigo-600">
              <Card className="h-full transition-colors hover:border-indigo-300">
                <p className="font-semibold text-indigo-700">{step.title}</p>
                <p className="mt-1 text-sm text-slate-600">{step.text}</p>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A member account: the role read now through its access role; what relies on it from the last organization audit. */
async function MemberOverviewContent({ member }: { member: AccountAudit }) {
  const accountId = member.account.id;
  const [read, snapshot, watch] = await Promise.all([
    readServiceLinkedRole(getAwsClients(accountId).iam()),
    getMemberAuditSnapshot(accountId),
    getWatchOverview(accountId, accountId),
  ]);
  return (
    <div className="space-y-6">
      {!read.ok ? (
        <ReadError title="The role could not be read through the account’s access role" error={read.error} />
      ) : read.role ? (
        <RoleSummary role={read.role} nowMs={read.readAtMs} />
      ) : (
        <>
          <RoleAbsent accountId={accountId} memberAccountId={accountId} />
          {/* The action takes the member account, checks it on the server and records it. */}
          <ReadOnlyGuard what="Creating the role">
            <MemberAccountProvider memberAccountId={accountId}>
              <CreateRoleForm title={`Create ${ROLE_NAME} in account ${accountId}`} />
            </MemberAccountProvider>
          </ReadOnlyGuard>
        </>
      )}
      <LastAuditCard snapshot={snapshot} accountId={accountId} memberAccountId={accountId} />
      <WatchPanel overview={watch} />
      <SectionLinks memberAccountId={accountId} />
    </div>
  );
}

async function OverviewContent({ accountId }: { accountId: string }) {
  const [read, snapshot, watch] = await Promise.all([readServiceLinkedRole(getAwsClients().iam()), getAuditSnapshot(), getWatchOverview(accountId)]);
  return (
    <div className="space-y-6">
      {!read.ok ? (
        <ReadError title="The role could not be read" error={read.error} />
      ) : read.role ? (
        <RoleSummary role={read.role} nowMs={read.readAtMs} />
      ) : (
        <>
          <RoleAbsent accountId={accountId} />
          <ReadOnlyGuard what="Creating the role">
            <CreateRoleForm />
          </ReadOnlyGuard>
        </>
      )}
      <LastAuditCard snapshot={snapshot} accountId={accountId} />
      <WatchPanel overview={watch} />
      <SectionLinks />
    </div>
  );
}
