import { Alert } from '@/components/ui/alert';
import type { AuditOverview } from '@/lib/audit/summary';
import { describeVerdict } from '@/lib/audit/verdict';
import { pluralize } from '@/lib/format/count';

// The audit's answer in one box, with the data the role feeds (lost on deletion, never a blocker) beside it.

export function VerdictBanner({ audit }: { audit: AuditOverview }) {
  const { verdict } = audit;
  const tone = verdict.kind === 'safe' ? 'success' : verdict.kind === 'blocked' ? 'danger' : 'warning';
  const title = verdict.kind === 'safe' ? 'Verdict: safe' : verdict.kind === 'blocked' ? 'Verdict: blocked' : 'Verdict: unknown';
  const totals = audit.regions.reduce(
    (sum, region) => {
      const counts = region.counts;
      if (!counts) return sum;
      const hasData = counts.inventoryAssociations + counts.dataSyncs > 0;
      return {
        inventory: sum.inventory + counts.inventoryAssociations,
        dataSyncs: sum.dataSyncs + counts.dataSyncs,
        regions: sum.regions + (hasData ? 1 : 0),
      };
    },
    { inventory: 0, dataSyncs: 0, regions: 0 },
  );
  return (
    <div className="space-y-3">
      <Alert tone={tone} title={title}>
        <p data-testid="verdict-text">{describeVerdict(verdict)}</p>
        {verdict.kind !== 'safe' && verdict.unknownRegions.length > 0 ? (
          <p>Could not be read: {verdict.unknownRegions.join(', ')}. A region that was not read is never counted as clean.</p>
        ) : null}
      </Alert>
      {totals.inventory + totals.dataSyncs > 0 ? (
        <Alert tone="info" title="Data impact (does not block deletion)">
          <p>
            {pluralize(totals.inventory, 'Inventory association')} and {pluralize(totals.dataSyncs, 'resource data sync')} in{' '}
            {pluralize(totals.regions, 'region')} use data the role gathers (tags, resource groups, Explorer). They stop receiving it
            once the role is deleted.
          </p>
        </Alert>
      ) : null}
      {audit.warnings.map((warning) => (
        <Alert key={warning} tone="warning">
          <p>{warning}</p>
        </Alert>
      ))}
    </div>
  );
}
