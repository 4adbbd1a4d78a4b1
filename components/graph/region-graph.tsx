import { GraphExplorer } from '@/components/graph/graph-explorer';
import { HydrateApart } from '@/components/ui/hydrate-apart';
import type { AuditResult } from '@/lib/audit/types';
import { peekRoleEvidence } from '@/lib/evidence';
import { toGraphSource } from '@/lib/graph/source';

// The dependency graph limited to one region, for the region page (a Server Component: only this region's part of
// the audit reaches the browser, and a region with many windows sends their counts until it is expanded). The
// region's last use comes from the newest evidence already collected, as on the whole graph.

export function RegionGraph({ audit, regionCode, memberAccountId }: { audit: AuditResult; regionCode: string; memberAccountId?: string }) {
  const source = toGraphSource(audit, { regionCodes: [regionCode], memberAccountId, evidence: peekRoleEvidence({ memberAccountId }) });
  return (
    <div className="space-y-3">
      <h2 className="text-lg font-semibold text-slate-900">Dependency graph</h2>
      {source.regions.length === 0 ? (
        <p className="text-sm text-slate-600">
          {source.notEnabledRegions.includes(regionCode)
            ? 'The region is not enabled: it was not scanned, so there is nothing to draw.'
            : 'Nothing in this region uses the role: no window, task, inventory association or data sync to draw.'}
        </p>
      ) : (
        <HydrateApart>
          <GraphExplorer source={source} variant="region" />
        </HydrateApart>
      )}
    </div>
  );
}
