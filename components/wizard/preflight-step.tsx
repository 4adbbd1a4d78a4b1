import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import { describeVerdict } from '@/lib/audit/verdict';
import type { PermissionCheck } from '@/lib/aws/iam-lifecycle';
import type { DeletionPlan } from '@/lib/deletion/plan';
import { getRoleCommand } from '@/lib/cli-commands';
import { getRegionName } from '@/lib/regions';
import { AuditRunner } from './audit-runner';
import { CliCommand } from './cli-command';
import { getStepHref } from '@/lib/deletion/wizard';
import { pluralize } from '@/lib/format/count';

// Step 1: a fresh audit of every region, the role's last use, and whether the caller may do what the wizard does.

export function PreflightStep({
  plan,
  isFresh,
  lastUsed,
  permissions,
  memberAccountId,
}: {
  plan: DeletionPlan | null;
  isFresh: boolean;
  lastUsed: { date: string; region: string } | null;
  permissions: PermissionCheck;
  /** The member account the wizard acts in; absent for the dashboard's own account. */
  memberAccountId?: string;
}) {
  return (
    <div className="space-y-6">
      <Card title="Fresh audit of every region" description="Every region where Systems Manager exists is scanned again before anything is deleted.">
        <div className="space-y-4">
          <AuditRunner label={isFresh ? 'Rescan every region' : 'Run the audit now'} autoStart={!isFresh} nextHref="/delete?step=preflight&audit={auditId}" />
          {plan && isFresh ? <VerdictSummary plan={plan} /> : <p className="text-sm text-slate-600">The results appear here when the scan has finished.</p>}
        </div>
      </Card>

      <Card title="Last use of the role">
        <DescriptionList
          items={[
            {
              term: 'Last used',
              value: lastUsed ? (
                <>
                  <DateTime iso={lastUsed.date} /> in {lastUsed.region ? `${getRegionName(lastUsed.region)} (${lastUsed.region})` : 'an unnamed region'}
                </>
              ) : (
                'No recorded use (IAM tracks the last 400 days).'
              ),
            },
          ]}
        />
        <div className="mt-4">
          <CliCommand commands={getRoleCommand()} label="AWS CLI command to read the role" />
        </div>
      </Card>

      <Card title="Your permissions" description="The actions this wizard may call on your behalf.">
        <PermissionSummary permissions={permissions} />
      </Card>

      <div className="flex justify-end">
        <ButtonLink href={getStepHref('blockers', {}, memberAccountId)} variant="primary">
          Continue to blockers
        </ButtonLink>
      </div>
    </div>
  );
}

function VerdictSummary({ plan }: { plan: DeletionPlan }) {
  const tone = plan.verdict.kind === 'safe' ? 'success' : plan.verdict.kind === 'blocked' ? 'danger' : 'warning';
  return (
    <div className="space-y-4">
      <Alert tone={tone} title={plan.verdict.kind === 'safe' ? 'Nothing blocks the deletion' : plan.verdict.kind === 'blocked' ? 'Deletion is blocked' : 'Safety cannot be claimed'}>
        <p>{describeVerdict(plan.verdict)}</p>
        <p>
          Scanned <DateTime iso={plan.scannedAt} />: {pluralize(plan.scannedRegionCount, 'region')} read,{' '}
          {plan.notEnabledRegionCount} not enabled, {plan.unknownRegions.length} unknown.
        </p>
      </Alert>
      {plan.blockerCount > 0 ? (
        <p className="text-sm text-slate-700">
          {pluralize(plan.blockerCount, 'maintenance-window task')} in {plan.blockers.map((region) => region.region).join(', ')} still run
          as the role. The next step moves them to a custom role or deregisters them.
        </p>
      ) : null}
      {plan.unknownRegions.length > 0 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Regions that could not be read</h3>
          <p className="text-sm text-slate-700">
            Anything in these regions is unknown, so the deletion can not be called safe until they are read. Fix the cause (permissions,
            throttling) and rescan.
          </p>
          <Table caption="Unknown regions">
            <thead>
              <tr>
                <Th>Region</Th>
                <Th>Why</Th>
              </tr>
            </thead>
            <TBody>
              {plan.unknownRegions.map((region) => (
                <tr key={region.region}>
                  <Td>
                    {region.regionName} <span className="font-mono text-xs">({region.region})</span>
                  </Td>
                  <Td>{region.reason}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <AuditRunner label="Rescan the unknown regions" nextHref="/delete?step=preflight&audit={auditId}" />
        </div>
      ) : null}
    </div>
  );
}

function PermissionSummary({ permissions }: { permissions: PermissionCheck }) {
  if (permissions.kind === 'not-checked') {
    return (
      <Alert tone="warning" title="Permissions were not checked">
        <p>{permissions.reason}</p>
        <p>The wizard goes on; a call you are not allowed to make will fail with AccessDenied and be shown and recorded.</p>
      </Alert>
    );
  }
  const denied = permissions.results.filter((result) => result.decision !== 'allowed');
  return (
    <div className="space-y-3">
      {denied.length > 0 ? (
        <Alert tone="warning" title={`${denied.length} action${denied.length === 1 ? ' is' : 's are'} not allowed`}>
          <p>Simulated for {permissions.policySourceArn}. The steps needing them will fail until your policies allow them.</p>
        </Alert>
      ) : (
        <p className="text-sm text-slate-700">Every action the wizard needs is allowed for {permissions.policySourceArn} (iam:SimulatePrincipalPolicy).</p>
      )}
      <Table caption="Simulated permissions">
        <thead>
          <tr>
            <Th>Action</Th>
            <Th>Decision</Th>
          </tr>
        </thead>
        <TBody>
          {permissions.results.map((result) => (
            <tr key={result.action}>
              <Td className="font-mono text-xs">{result.action}</Td>
              <Td>
                <Badge tone={result.decision === 'allowed' ? 'success' : 'danger'}>{result.decision}</Badge>
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
