import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import { DOCUMENTED_ACTIONS, getVersionNumber, LATEST_KNOWN_VERSION, type PolicyComparison as Comparison } from '@/lib/role/policy-versions';

// The live policy against the 18 actions AWS's role page documents, and against the latest version this
// dashboard knows.

export function PolicyComparison({ comparison }: { comparison: Comparison }) {
  const added = comparison.addedSinceDocumented;
  // Oldest change first; actions no known version added (newer than the dashboard) last.
  const byVersion = [...added].sort(
    (left, right) =>
      (left.addedIn ? getVersionNumber(left.addedIn) : Infinity) - (right.addedIn ? getVersionNumber(right.addedIn) : Infinity) ||
      left.action.localeCompare(right.action),
  );
  return (
    <Card
      title="Compared with the documentation"
      description={`AWS’s service-linked-role page lists ${DOCUMENTED_ACTIONS.length} actions; the default version ${comparison.defaultVersionId} grants ${added.length} more.`}
    >
      <div className="space-y-4">
        {comparison.isChangedByAws ? (
          <Alert tone="warning" title="AWS changed this policy">
            {comparison.isNewerThanKnown ? (
              <p>
                {comparison.defaultVersionId} is newer than {LATEST_KNOWN_VERSION}, the latest version this dashboard knows.
              </p>
            ) : null}
            {comparison.notInLatestKnown.length > 0 ? (
              <p>Not in {LATEST_KNOWN_VERSION}: {comparison.notInLatestKnown.join(', ')}.</p>
            ) : null}
            {comparison.missingFromLatestKnown.length > 0 ? (
              <p>
                In {LATEST_KNOWN_VERSION} but no longer granted: {comparison.missingFromLatestKnown.join(', ')}.
              </p>
            ) : null}
          </Alert>
        ) : (
          <Alert tone="success" title={`Same actions as the published ${LATEST_KNOWN_VERSION}`}>
            {comparison.missingFromLatestKnown.length > 0 ? (
              <p>
                An older version is in force; {LATEST_KNOWN_VERSION} adds {comparison.missingFromLatestKnown.join(', ')}.
              </p>
            ) : null}
          </Alert>
        )}
        {comparison.removedSinceDocumented.length > 0 ? (
          <Alert tone="warning" title="Documented actions no longer granted">
            <p>{comparison.removedSinceDocumented.join(', ')}</p>
          </Alert>
        ) : null}
        <Table caption="Actions added since the documented list">
          <thead className="bg-slate-50">
            <tr>
              <Th>Added action</Th>
              <Th>Version</Th>
              <Th>Published</Th>
            </tr>
          </thead>
          <TBody>
            {byVersion.map((entry) => (
              <tr key={entry.action}>
                <Td className="font-mono text-xs">{entry.action}</Td>
                <Td>{entry.addedIn ?? <span className="text-amber-800">unknown (newer)</span>}</Td>
                <Td>{entry.addedOn ?? '—'}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Card>
  );
}
