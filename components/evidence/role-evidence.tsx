import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime, formatAge } from '@/components/ui/date-time';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import type { AwsErrorInfo } from '@/lib/aws/errors';
import { buildTimeline } from '@/lib/evidence/timeline';
import { CLOUDTRAIL_HISTORY_DAYS, type RegionEvidence, type RoleEvidence } from '@/lib/evidence/types';
import { EvidenceTimeline } from './evidence-timeline';
import { pluralize } from '@/lib/format/count';

// The role page's evidence of use: the last use, each granted service used or not (Access Advisor), and the
// role's CloudTrail timeline across regions.

export function describeLastUse(evidence: RoleEvidence, nowMs: number): string {
  if (!evidence.lastUse) {
    const unread = evidence.regions.filter((region) => region.status.kind !== 'read' && region.status.kind !== 'not-enabled');
    return unread.length > 0
      ? `No use found in the regions read; ${pluralize(unread.length, 'region')} could not be read, so use there is unknown.`
      : `Not assumed by Systems Manager in the last ${CLOUDTRAIL_HISTORY_DAYS} days in any enabled region.`;
  }
  return `Assumed by Systems Manager ${formatAge(evidence.lastUse.at, nowMs)} in ${evidence.lastUse.region}.`;
}

function describeRegionStatus(region: RegionEvidence): string | null {
  switch (region.status.kind) {
    case 'read':
    case 'not-enabled':
      return null;
    case 'access-denied':
      return 'access denied';
    case 'timed-out':
      return `not read within ${Math.round(region.status.afterMs / 1000)} s`;
    case 'error':
      return `${region.status.error.code}: ${region.status.error.message}`;
  }
}

export function MissingPermissions({ permissions }: { permissions: string[] }) {
  if (permissions.length === 0) return null;
  return (
    <Alert tone="warning" title="Part of the evidence is missing: a permission is lacking">
      <p>
        The caller may not call {permissions.map((permission, index) => (
          <span key={permission}>
            {index > 0 ? ', ' : ''}
            <code>{permission}</code>
          </span>
        ))}
        . Add it from <code>docs/iam/audit-policy.json</code>; everything else on this page is unaffected.
      </p>
    </Alert>
  );
}

function AccessAdvisorServices({ evidence, nowMs }: { evidence: RoleEvidence; nowMs: number }) {
  const report = evidence.accessAdvisor;
  if (report.kind !== 'completed') {
    const reason: Record<Exclude<typeof report.kind, 'completed'>, string> = {
      'in-progress': 'IAM had not finished the report by the deadline. Reload the page to read it again.',
      failed: report.kind === 'failed' ? `IAM could not produce the report: ${report.message}` : '',
      'access-denied': 'The caller may not read Access Advisor reports.',
      error: report.kind === 'error' ? describeError(report.error) : '',
    };
    return <p className="text-sm text-slate-600">Service use is unknown. {reason[report.kind]}</p>;
  }
  const unused = report.services.filter((service) => !service.lastAuthenticated).length;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        {report.services.length - unused} of {report.services.length} granted services used; {unused} granted but unused in IAM&apos;s tracking period.
      </p>
      <Table caption="Services the role's policy grants, and their last use">
        <thead>
          <tr>
            <Th>Service</Th>
            <Th>Last used</Th>
            <Th>Region</Th>
            <Th>Tracked actions</Th>
          </tr>
        </thead>
        <TBody>
          {report.services.map((service) => (
            <tr key={service.serviceNamespace} data-service={service.serviceNamespace}>
              <Td>
                {service.serviceName} <span className="text-xs text-slate-500">({service.serviceNamespace})</span>
              </Td>
              <Td>
                {service.lastAuthenticated ? (
                  <span>
                    <DateTime iso={service.lastAuthenticated} /> <span className="text-xs text-slate-500">({formatAge(service.lastAuthenticated, nowMs)})</span>
                  </span>
                ) : (
                  <Badge tone="warning">granted, unused</Badge>
                )}
              </Td>
              <Td>{service.lastAuthenticatedRegion ?? '—'}</Td>
              <Td>
                {service.trackedActions && service.trackedActions.length > 0 ? (
                  <ul className="space-y-0.5 text-xs">
                    {service.trackedActions.map((action) => (
                      <li key={action.actionName}>
                        {action.actionName}:{' '}
                        {action.lastAccessedTime ? (
                          <>
                            <DateTime iso={action.lastAccessedTime} /> in {action.lastAccessedRegion ?? '?'}
                          </>
                        ) : (
                          'unused'
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-xs text-slate-500">not tracked per action</span>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function describeError(error: AwsErrorInfo): string {
  return `${error.code}: ${error.message}`;
}

export function RoleEvidenceView({ evidence, nowMs }: { evidence: RoleEvidence; nowMs: number }) {
  const unreadable = evidence.regions.filter((region) => describeRegionStatus(region) !== null);
  return (
    <div className="space-y-6">
      <MissingPermissions permissions={evidence.missingPermissions} />
      <Card title="Evidence of use" description="What CloudTrail and IAM Access Advisor record, next to what the configuration implies.">
        <p className="text-sm font-medium text-slate-900" data-testid="evidence-last-use">
          {describeLastUse(evidence, nowMs)}
        </p>
        {evidence.lastUse ? (
          <p className="mt-1 text-sm text-slate-600">
            Last AssumeRole: <DateTime iso={evidence.lastUse.at} />.
          </p>
        ) : null}
        {unreadable.length > 0 ? (
          <ul className="mt-2 list-inside list-disc text-sm text-amber-900">
            {unreadable.map((region) => (
              <li key={region.region}>
                {region.region}: evidence unknown ({describeRegionStatus(region)})
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-3 text-xs text-slate-600">
          CloudTrail&apos;s event history keeps each region&apos;s management events for {CLOUDTRAIL_HISTORY_DAYS} days: older use is not
          shown, and no use in {CLOUDTRAIL_HISTORY_DAYS} days does not prove the role will not be needed. Access Advisor tracks services for up to
          400 days. Evidence never replaces the audit&apos;s verdict.
        </p>
      </Card>
      <Card title="Granted services and their use" description="IAM Access Advisor: every service the role's policies grant, and when the role last used it.">
        <AccessAdvisorServices evidence={evidence} nowMs={nowMs} />
      </Card>
      <Card title="CloudTrail timeline" description="The role's sessions in every region (Systems Manager assuming it) and what each touched; other events naming the role.">
        <EvidenceTimeline entries={buildTimeline(evidence)} />
      </Card>
    </div>
  );
}
