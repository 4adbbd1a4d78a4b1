import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import type { PolicyReport } from '@/lib/role/policy-report';
import { LATEST_KNOWN_VERSION } from '@/lib/role/policy-versions';
import { RawJson } from './raw-json';

// The attached managed policy: which one, which version is in force, and the raw document on demand.

export function ManagedPolicy({ report }: { report: PolicyReport }) {
  const { policy, comparison } = report;
  return (
    <Card
      title={`Attached policy: ${policy.policyName}`}
      description={policy.description}
      actions={policy.isAwsManaged ? <Badge tone="info">AWS managed</Badge> : <Badge tone="warning">Customer managed</Badge>}
    >
      <div className="space-y-4">
        {comparison.isChangedByAws && report.isServiceRolePolicy ? (
          <Alert tone="warning" title="AWS changed this policy">
            <p>
              The default version is {policy.defaultVersionId}; this dashboard knows versions up to {LATEST_KNOWN_VERSION}. Review the
              actions below that it cannot explain.
            </p>
          </Alert>
        ) : null}
        <DescriptionList
          items={[
            { term: 'ARN', value: <span className="font-mono text-xs break-all">{policy.arn}</span> },
            {
              term: 'Default version',
              value: (
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold" data-testid="default-version">
                    {policy.defaultVersionId}
                  </span>
                  <span className="text-slate-500">
                    created <DateTime iso={report.defaultVersionDate} withTime={false} />
                  </span>
                  {comparison.matchesKnownVersion ? <Badge tone="success">Matches the published {policy.defaultVersionId}</Badge> : null}
                </span>
              ),
            },
            { term: 'Last updated', value: <DateTime iso={policy.updateDate} /> },
            { term: 'Actions granted', value: `${report.actionCount} actions in ${report.groups.length} services` },
            { term: 'Attachments', value: String(policy.attachmentCount) },
          ]}
        />
        <RawJson json={report.json} label={`${policy.policyName} ${policy.defaultVersionId}`} />
      </div>
    </Card>
  );
}
