import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense, type ReactNode } from 'react';
import { PreflightEvidence } from '@/components/evidence/preflight-evidence';
import { CreateRoleForm } from '@/components/lifecycle/create-role-form';
import { EditDescriptionForm } from '@/components/lifecycle/edit-description-form';
import { MemberAccountProvider } from '@/components/org/member-account-context';
import { ReadOnlyGuard } from '@/components/security/read-only-guard';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import { PageHeader } from '@/components/ui/page-header';
import { ShowWhenReady } from '@/components/ui/show-when-ready';
import { PageSkeleton } from '@/components/ui/skeleton';
import { AuditRunner } from '@/components/wizard/audit-runner';
import { BlockersStep } from '@/components/wizard/blockers-step';
import { ConfirmStep } from '@/components/wizard/confirm-step';
import { DataImpactStep } from '@/components/wizard/data-impact-step';
import { DeletionTracker } from '@/components/wizard/deletion-tracker';
import type { RegionGroupsAndTagKeys } from '@/components/wizard/groups-and-tags';
import { PreflightStep } from '@/components/wizard/preflight-step';
import { UnreadableDeletionRecord } from '@/components/wizard/unreadable-deletion-record';
import { WizardAccountBanner } from '@/components/wizard/wizard-account-banner';
import { WizardStepper } from '@/components/wizard/wizard-stepper';
import { describeVerdict } from '@/lib/audit/verdict';
import type { AwsClients } from '@/lib/aws/clients';
import { getServiceLinkedRole, listRolesTrustingService } from '@/lib/aws/iam';
import { checkWizardPermissions } from '@/lib/aws/iam-lifecycle';
import type { RoleDetails } from '@/lib/aws/types';
import { readTrackedDeletion } from '@/lib/deletion';
import { getWizardAuditSnapshot, resolveWizardAccount, type WizardAccount } from '@/lib/deletion/account';
import { hasDeletedRole, type DeletionRecord } from '@/lib/deletion/machine';
import { listTagKeysByRegion } from '@/lib/deletion/groups-and-tags';
import { buildDeletionPlan, type DeletionPlan, type RegionGroupsAndTags } from '@/lib/deletion/plan';
import {
  describeDataImpact,
  getConfirmWarnings,
  getDeletionView,
  getStepHref,
  getWizardLayout,
  parseWizardStep,
  requiresDataImpactAcknowledgement,
  type WizardStepId,
} from '@/lib/deletion/wizard';
import { withAccount } from '@/lib/org/account-href';
import { getRoleArn, ROLE_NAME, SERVICE_PRINCIPAL } from '@/lib/role/constants';
import { getTargetStatus } from '@/lib/target';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Delete the role' };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function DeletePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageSession('/delete', searchParams);
  await connection();
  // The header comes with the first response; when the wizard's reads are slow, a skeleton comes with it.
  return (
    <>
      <PageHeader
        title={`Delete ${ROLE_NAME}`}
        description="Preflight, clean-up of what relies on the role, typed confirmation, deletion tracking, and recreation."
      />
      <ShowWhenReady content={renderDeleteBody(await searchParams)} fallback={<PageSkeleton label="Loading the delete wizard…" cards={2} hasTitle={false} />} />
    </>
  );
}

/** The page below its header, once the target, the account and the wizard's reads are in. */
async function renderDeleteBody(params: SearchParams): Promise<ReactNode> {
  const status = await getTargetStatus();
  // The account comes from the URL but is checked on the server: only the caller's own or a member of the last
  // organization audit, reached through its access role.
  const resolved = status.ok ? await resolveWizardAccount(params.account) : null;
  if (!status.ok || !resolved) return <p className="text-sm text-slate-600">The wizard is available once the target can be read.</p>;
  if (!resolved.ok) {
    return (
      <Alert tone="danger" title="The wizard cannot act in this account">
        <p>{resolved.message}</p>
      </Alert>
    );
  }
  if (resolved.account.memberAccountId) return await MemberWizard({ params, account: resolved.account, target: status.kind });
  return await DeleteWizard({
    params,
    account: resolved.account,
    accountId: status.identity.accountId,
    callerArn: status.identity.arn,
    partition: status.identity.partition,
    target: status.kind,
  });
}

/** The wizard in a member account: its account named above every step, and kept in every link and action. */
async function MemberWizard({ params, account, target }: { params: SearchParams; account: WizardAccount; target: string }) {
  const identity = await account.identify();
  return (
    <MemberAccountProvider memberAccountId={account.memberAccountId}>
      <WizardAccountBanner accountName={account.accountName ?? identity.accountId} accountId={identity.accountId} actingArn={identity.actingArn} />
      <DeleteWizard
        params={params}
        account={account}
        accountId={identity.accountId}
        callerArn={identity.actingArn}
        partition={identity.partition}
        target={target}
      />
    </MemberAccountProvider>
  );
}

async function DeleteWizard({
  params,
  account,
  accountId,
  callerArn,
  partition,
  target,
}: {
  params: SearchParams;
  account: WizardAccount;
  accountId: string;
  callerArn: string;
  partition: string;
  target: string;
}) {
  const { memberAccountId } = account;
  const [tracked, role, snapshot] = await Promise.all([
    readTrackedDeletion(memberAccountId),
    getServiceLinkedRole(account.clients.iam()),
    getWizardAuditSnapshot(account),
  ]);
  const { record } = tracked;
  const layout = getWizardLayout(parseWizardStep(params.step), record, role !== null);
  const { step } = layout;
  const plan = snapshot ? buildDeletionPlan(snapshot.audit) : null;
  const accountLabel = memberAccountId ? `${account.accountName ?? accountId} (${accountId})` : accountId;
  const content = (
    <StepContent
      step={step}
      params={params}
      plan={plan}
      isAuditStale={snapshot?.isStale ?? true}
      role={role}
      record={record}
      account={account}
      accountId={accountId}
      accountLabel={accountLabel}
      callerArn={callerArn}
      partition={partition}
      target={target}
    />
  );

  return (
    <>
      <WizardStepper current={step} reachable={layout.reachable} memberAccountId={memberAccountId} />
      {tracked.unreadable ? <UnreadableDeletionRecord message={tracked.unreadable} /> : null}
      {layout.isRoleAbsentNoticeShown ? (
        <Alert tone="info" title="The role does not exist" className="mb-6">
          <p>
            There is nothing to delete in account {accountLabel}.{' '}
            <a className="underline" href={getStepHref('after', {}, memberAccountId)}>
              Create it again
            </a>{' '}
            if you need it.
          </p>
        </Alert>
      ) : null}
      {/* Reading and the preflight audit stay available in read-only mode; every change after it is off. */}
      {!layout.isChangeStep ? content : <ReadOnlyGuard what="Clean-up, deletion and recreation">{content}</ReadOnlyGuard>}
    </>
  );
}

async function StepContent({
  step,
  params,
  plan,
  isAuditStale,
  role,
  record,
  account,
  accountId,
  accountLabel,
  callerArn,
  partition,
  target,
}: {
  step: WizardStepId;
  params: SearchParams;
  plan: DeletionPlan | null;
  isAuditStale: boolean;
  role: RoleDetails | null;
  record: DeletionRecord | null;
  account: WizardAccount;
  accountId: string;
  /** The account as the page names it: its id, or a member account's name and id. */
  accountLabel: string;
  callerArn: string;
  partition: string;
  target: string;
}) {
  const { memberAccountId } = account;
  switch (step) {
    case 'preflight': {
      const permissions = await checkWizardPermissions(account.clients.iam(), callerArn);
      // A member account is read by the organization audit: its part of it counts as fresh until it goes stale.
      const isFresh = plan !== null && (memberAccountId ? !isAuditStale : first(params.audit) === plan.auditId);
      return (
        <div className="space-y-6">
          <PreflightStep plan={plan} isFresh={isFresh} lastUsed={role?.lastUsed ?? null} permissions={permissions} memberAccountId={memberAccountId} />
          <Suspense fallback={<p className="text-sm text-slate-500">Reading the evidence of use…</p>}>
            <PreflightEvidence {...(memberAccountId ? { memberAccountId } : {})} />
          </Suspense>
        </div>
      );
    }

    case 'blockers': {
      // A task picked elsewhere (the graph links here with ?task=<arn>) stays picked through a rescan.
      const highlightArn = first(params.task);
      const blockersHref = getStepHref('blockers', highlightArn ? { task: highlightArn } : {}, memberAccountId);
      if (first(params.rescan) === '1') {
        return (
          <Card title="Fresh audit before the next round" description="What relies on the role is read again in every region.">
            <AuditRunner label="Rescan every region" autoStart nextHref={blockersHref} />
          </Card>
        );
      }
      if (!plan) {
        return (
          <Card title="No audit yet">
            <p className="mb-4 text-sm text-slate-700">The blockers come from an audit of every region.</p>
            <AuditRunner label="Run the audit now" autoStart nextHref={blockersHref} />
          </Card>
        );
      }
      const roles = await listRolesTrustingService(account.clients.iam(), SERVICE_PRINCIPAL);
      return (
        <div className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <p>
              From the audit of <DateTime iso={plan.scannedAt} />
              {plan.unknownRegions.length > 0 ? `; ${plan.unknownRegions.length} region(s) could not be read: ${plan.unknownRegions.map((item) => item.region).join(', ')}` : ''}.
            </p>
            <AuditRunner label="Rescan every region" />
          </div>
          <BlockersStep
            // A new audit replaces the list and its per-task results.
            key={plan.auditId}
            blockers={plan.blockers}
            roles={roles.map((candidate) => ({ roleName: candidate.roleName, arn: candidate.arn }))}
            highlightArn={highlightArn}
            isAuditStale={isAuditStale}
            partition={partition}
          />
        </div>
      );
    }

    case 'data':
      if (!plan) {
        return (
          <Card title="No audit yet">
            <AuditRunner label="Run the audit now" autoStart nextHref={getStepHref('data', {}, memberAccountId)} />
          </Card>
        );
      }
      return (
        <DataImpactStep
          key={plan.auditId}
          inventory={plan.inventory}
          dataSyncs={plan.dataSyncs}
          requiresAcknowledgement={plan.requiresDataAcknowledgement}
          groupsAndTags={await withTagKeys(plan.groupsAndTags, account.clients)}
        />
      );

    case 'confirm': {
      return (
        <ConfirmStep
          isAcknowledgementRequired={requiresDataImpactAcknowledgement(plan)}
          isDataImpactUnknown={plan === null}
          hasAcknowledgedDataImpact={first(params.acknowledged) === '1'}
          warnings={getConfirmWarnings(plan, isAuditStale)}
          {...(memberAccountId ? { memberAccountLabel: accountLabel } : {})}
          summary={
            <DescriptionList
              items={[
                { term: 'Role', value: <span className="font-mono break-all">{role?.arn ?? getRoleArn(partition, accountId)}</span> },
                { term: 'Account', value: <span className="font-mono">{accountLabel}</span> },
                { term: 'Target', value: target === 'sandbox' ? 'Built-in sandbox account' : 'AWS' },
                { term: memberAccountId ? 'Acting as' : 'Caller', value: <span className="font-mono break-all">{callerArn}</span> },
                { term: 'Last audit', value: plan ? <><DateTime iso={plan.scannedAt} /> — {describeVerdict(plan.verdict)}</> : 'none' },
                { term: 'Data impact', value: describeDataImpact(plan) },
                { term: 'Call', value: 'iam:DeleteServiceLinkedRole, then GetServiceLinkedRoleDeletionStatus until it finishes' },
              ]}
            />
          }
        />
      );
    }

    case 'delete':
      return (
        <DeletionTracker
          // A new deletion task (round) starts the tracker afresh.
          key={record?.deletionTaskId ?? 'none'}
          isRolePresent={role !== null}
          initial={getDeletionView(record, new Date(), { isResuming: true })}
        />
      );

    case 'after':
      return <AfterStep role={role} record={record} memberAccountId={memberAccountId} />;
  }
}

/** The regions' tag keys, read now in the account acted in: the audit counts tagged resources but does not keep their keys. */
async function withTagKeys(regions: RegionGroupsAndTags[], clients: AwsClients): Promise<RegionGroupsAndTagKeys[]> {
  const tagKeys = await listTagKeysByRegion(
    regions.filter((region) => region.taggedResources.count > 0).map((region) => region.region),
    clients,
  );
  return regions.map((region) => ({ ...region, tagKeys: tagKeys[region.region] ?? { keys: [] } }));
}

function AfterStep({ role, record, memberAccountId }: { role: RoleDetails | null; record: DeletionRecord | null; memberAccountId: string | undefined }) {
  if (role) {
    return (
      <div className="space-y-6">
        <Alert tone="info" title={`${ROLE_NAME} exists`}>
          <p>
            {hasDeletedRole(record) ? 'The role was deleted and has been created again since.' : 'The role is present in this account.'} Created{' '}
            <DateTime iso={role.createDate} />.
          </p>
        </Alert>
        <div className="flex gap-3">
          <ButtonLink href={withAccount('/role', memberAccountId)}>See the role</ButtonLink>
          <ButtonLink href={getStepHref('preflight', {}, memberAccountId)}>Start a new deletion</ButtonLink>
        </div>
        {/* The member account's description is edited here, through its access role. */}
        {memberAccountId ? <EditDescriptionForm currentDescription={role.description ?? ''} /> : null}
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <Alert tone="success" title="The role is gone">
        <p>
          IAM no longer has {ROLE_NAME}
          {record?.finishedAt ? (
            <>
              {' '}
              (deleted <DateTime iso={record.finishedAt} />)
            </>
          ) : null}
          .
        </p>
      </Alert>
      <Alert tone="warning" title="It can come back on its own">
        <ul className="list-disc space-y-1 pl-5">
          <li>Registering a maintenance-window task without its own service role creates the role again.</li>
          <li>Setting up Inventory, Explorer or a Quick Setup configuration creates it again.</li>
          <li>Inventory of tags and resource groups, and Explorer data syncs, stop until it exists again.</li>
        </ul>
      </Alert>
      <CreateRoleForm title="Recreate the role" />
    </div>
  );
}
