import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';

// When the audit a page shows was taken, and whether a change made since has made it stale (with why, when known).

export function LastScan({ finishedAt, isStale, staleReason }: { finishedAt: string; isStale: boolean; staleReason?: string | undefined }) {
  return (
    <>
      <span>
        Last scan: <DateTime iso={finishedAt} />
      </span>
      {isStale ? (
        <Badge tone="warning" title={staleReason}>
          Stale
        </Badge>
      ) : null}
      {isStale && staleReason ? <span className="text-xs text-amber-800">{staleReason}; rescan for current figures.</span> : null}
    </>
  );
}
