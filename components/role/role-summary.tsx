import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { DateTime, formatAge } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import type { RoleDetails } from '@/lib/aws/types';
import { getTrustVerdict } from '@/lib/role/trust';
import { getRegionName } from '@/lib/regions';
import { UnexpectedPathWarning } from './unexpected-path-warning';
import { pluralize } from '@/lib/format/count';

// The role's identity card: ARN, path, id, dates, last use and a one-line trust verdict.

function formatDuration(seconds: number): string {
  const hours = seconds / 3600;
  return Number.isInteger(hours) ? `${pluralize(hours, 'hour')} (${seconds} s)` : `${seconds} s`;
}

export function RoleSummary({ role, nowMs }: { role: RoleDetails; nowMs: number }) {
  const verdict = getTrustVerdict(role.trustPolicy);
  return (
    <Card
      title={role.hasExpectedPath ? 'The role exists' : 'A role with this name exists'}
      description={role.roleName}
      actions={<Badge tone={role.hasExpectedPath ? 'success' : 'warning'}>{role.hasExpectedPath ? 'Service-linked' : 'Unexpected path'}</Badge>}
    >
      <div className="mb-4 empty:hidden">
        <UnexpectedPathWarning role={role} />
      </div>
      <DescriptionList
        items={[
          {
            term: 'ARN',
            value: (
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs break-all">{role.arn}</span>
                <CopyButton text={role.arn} label="role ARN" />
              </span>
            ),
          },
          { term: 'Path', value: <span className="font-mono text-xs">{role.path}</span> },
          { term: 'Role id', value: <span className="font-mono text-xs">{role.roleId}</span> },
          {
            term: 'Created',
            value: (
              <span>
                <DateTime iso={role.createDate} /> <span className="text-slate-500">({formatAge(role.createDate, nowMs)})</span>
              </span>
            ),
          },
          { term: 'Description', value: role.description ?? <span className="text-slate-500">No description</span> },
          { term: 'Maximum session', value: formatDuration(role.maxSessionDuration) },
          {
            term: 'Last used',
            value: role.lastUsed ? (
              <span>
                <DateTime iso={role.lastUsed.date} /> <span className="text-slate-500">({formatAge(role.lastUsed.date, nowMs)})</span> in{' '}
                <span className="font-medium" title={getRegionName(role.lastUsed.region)}>
                  {role.lastUsed.region}
                </span>{' '}
                <span className="text-slate-500">({getRegionName(role.lastUsed.region)})</span>
              </span>
            ) : (
              <span>Not used in the 400-day tracking window</span>
            ),
          },
          {
            term: 'Trust',
            value: (
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={verdict.isTrustedOnlyBySsm ? 'success' : 'danger'}>{verdict.isTrustedOnlyBySsm ? 'As expected' : 'Review'}</Badge>
                {verdict.summary}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
