import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense, type ReactNode } from 'react';
import { RoleEvidenceView } from '@/components/evidence/role-evidence';
import { HydrateApart } from '@/components/ui/hydrate-apart';
import { ShowWhenReady } from '@/components/ui/show-when-ready';
import { CardSkeleton, PageSkeleton } from '@/components/ui/skeleton';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { ManagedPolicy } from '@/components/role/managed-policy';
import { PermissionsByService } from '@/components/role/permissions-by-service';
import { PolicyComparison } from '@/components/role/policy-comparison';
import { PolicyVersionHistory } from '@/components/role/policy-version-history';
import { ReadError } from '@/components/role/read-error';
import { RoleAbsent } from '@/components/role/role-absent';
import { TrustPolicy } from '@/components/role/trust-policy';
import { UnexpectedPathWarning } from '@/components/role/unexpected-path-warning';
import { EditDescriptionForm } from '@/components/lifecycle/edit-description-form';
import { ReadOnlyGuard } from '@/components/security/read-only-guard';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { MemberAccountProvider } from '@/components/org/member-account-context';
import { getAwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { readServiceLinkedRole } from '@/lib/aws/iam';
import { getRoleEvidence } from '@/lib/evidence';
import { getAccountScope } from '@/lib/org/account-scope';
import { ROLE_NAME } from '@/lib/role/constants';
import { getPolicyReports, type PolicyReport } from '@/lib/role/policy-report';
import { getTargetStatus } from '@/lib/target';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Role' };

export default async function RolePage({ searchParams }: { searchParams: Promise<{ account?: string | string[] }> }) {
  await requirePageSession('/role', searchParams);
  await connection();
  const scope = await getAccountScope((await searchParams).account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  const memberAccountId = scope.kind === 'member' ? scope.account.account.id : undefined;
  // When the role and its policies are slow to read, the header and a skeleton come first.
  return (
    <>
      {scope.kind === 'member' ? <MemberAccountBanner account={scope.account} /> : null}
      <PageHeader title="Role and permissions" description={`What ${ROLE_NAME} may do, and who may assume it.`} />
      <ShowWhenReady content={renderRoleBody(memberAccountId)} fallback={<PageSkeleton label="Loading the role and its policies…" cards={3} hasTitle={false} />} />
    </>
  );
}

/** The page below its header, once everything it shows has been read (RoleContent's reads included). */
async function renderRoleBody(memberAccountId: string | undefined): Promise<ReactNode> {
  const status = await getTargetStatus();
  if (!status.ok) return <p className="text-sm text-slate-600">The role appears here once the target can be read.</p>;
  return memberAccountId ? await RoleContent({ accountId: memberAccountId, memberAccountId }) : await RoleContent({ accountId: status.identity.accountId });
}

/** `memberAccountId`: a member account, read now through its access role, and where the description is edited. */
async function RoleContent({ accountId, memberAccountId }: { accountId: string; memberAccountId?: string }) {
  const iam = getAwsClients(memberAccountId).iam();
  const read = await readServiceLinkedRole(iam);
  if (!read.ok) return <ReadError title={memberAccountId ? 'The role could not be read through the account’s access role' : 'The role could not be read'} error={read.error} />;
  const role = read.role;
  if (!role) return <RoleAbsent accountId={accountId} memberAccountId={memberAccountId} />;
  const reports = await getPolicyReports(iam, role.roleName);
  return (
    <div className="space-y-6">
      <UnexpectedPathWarning role={role} />
      {role.hasExpectedPath ? (
        <ReadOnlyGuard what="Editing the description">
          {/* In a member account the action takes its id, checks it on the server and records it. */}
          <MemberAccountProvider memberAccountId={memberAccountId}>
            <EditDescriptionForm currentDescription={role.description ?? ''} />
          </MemberAccountProvider>
        </ReadOnlyGuard>
      ) : null}
      <Suspense fallback={<CardSkeleton lines={6} />}>
        <RoleEvidenceSection memberAccountId={memberAccountId} />
      </Suspense>
      <HydrateApart>
        <TrustPolicy role={role} />
      </HydrateApart>
      {reports.length === 0 ? (
        <Alert tone="warning" title="No managed policy is attached">
          <p>The service-linked role normally carries AmazonSSMServiceRolePolicy. Without it, Systems Manager can do nothing with the role.</p>
        </Alert>
      ) : null}
      {reports.map((result) =>
        result.ok ? (
          <HydrateApart key={result.report.policy.arn}>
            <PolicySections report={result.report} />
          </HydrateApart>
        ) : (
          <ReadError key={result.policyArn} title={`The attached policy ${result.policyName} could not be read`} error={result.error} />
        ),
      )}
    </div>
  );
}

/** `memberAccountId`: a member account's evidence, read through its access role. */
async function RoleEvidenceSection({ memberAccountId }: { memberAccountId?: string }) {
  const result = await getRoleEvidence(memberAccountId ? { memberAccountId } : {}).then(
    (evidence) => ({ ok: true as const, evidence }),
    (error: unknown) => ({ ok: false as const, error: toAwsError(error).toInfo() }),
  );
  if (!result.ok) return <ReadError title="The evidence of use could not be collected" error={result.error} />;
  // Ages are told from the moment the evidence was collected.
  return <RoleEvidenceView evidence={result.evidence} nowMs={Date.parse(result.evidence.collectedAt)} />;
}

function PolicySections({ report }: { report: PolicyReport }) {
  return (
    <div className="space-y-6">
      <ManagedPolicy report={report} />
      {report.isServiceRolePolicy ? <PolicyComparison comparison={report.comparison} /> : null}
      <PermissionsByService groups={report.groups} />
      <PolicyVersionHistory versions={report.versions} />
    </div>
  );
}
