import { Badge } from '@/components/ui/badge';
import { Card, DEFERRED_RENDERING } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import type { PolicyVersionSummary } from '@/lib/aws/types';
import { listKnownVersionsWithTotals } from '@/lib/role/policy-versions';

// The policy's versions as IAM lists them, beside what each known version added.

export function PolicyVersionHistory({ versions }: { versions: PolicyVersionSummary[] }) {
  const known = new Map(listKnownVersionsWithTotals().map((version) => [version.versionId, version]));
  return (
    <Card title="Version history" description="Versions IAM keeps for this policy; AWS sets the default one." className={DEFERRED_RENDERING}>
      <Table caption="Policy versions">
        <thead className="bg-slate-50">
          <tr>
            <Th>Version</Th>
            <Th>Created</Th>
            <Th>Actions</Th>
            <Th>Added in this version</Th>
          </tr>
        </thead>
        <TBody>
          {versions.map((version) => {
            const info = known.get(version.versionId);
            return (
              <tr key={version.versionId}>
                <Td className="whitespace-nowrap">
                  <span className="font-medium">{version.versionId}</span>{' '}
                  {version.isDefaultVersion ? <Badge tone="success">Default</Badge> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  <DateTime iso={version.createDate} withTime={false} />
                </Td>
                <Td>{info ? info.totalActions : '—'}</Td>
                <Td className="text-xs">
                  {info ? (
                    <>
                      {info.note ? <span className="mr-1 text-slate-500">{info.note}:</span> : null}
                      <span className="font-mono">{info.versionId === 'v3' ? `${info.added.length} actions` : info.added.join(', ')}</span>
                    </>
                  ) : (
                    <span className="text-amber-800">Not a version this dashboard knows</span>
                  )}
                </Td>
              </tr>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
