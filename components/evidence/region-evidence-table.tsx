import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime, formatAge } from '@/components/ui/date-time';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import type { AuditResult, RegionAudit } from '@/lib/audit/types';
import { getRegionEvidenceMarker, MARKER_LABELS, type RegionEvidenceMarker } from '@/lib/evidence/join';
import { CLOUDTRAIL_HISTORY_DAYS, type RegionEvidence, type RoleEvidence } from '@/lib/evidence/types';
import { MissingPermissions } from './role-evidence';

// The last use of the role per region (CloudTrail) next to what the audit found there, with the markers that
// matter before a deletion: "configured, unused" and "used, cause not found".

export const MARKER_TONES: Record<RegionEvidenceMarker, Tone> = {
  used: 'info',
  'configured-unused': 'warning',
  'used-cause-not-found': 'danger',
  unused: 'neutral',
  'evidence-unknown': 'warning',
  'not-enabled': 'neutral',
};

export function RegionEvidenceBadge({ marker }: { marker: RegionEvidenceMarker }) {
  return <Badge tone={MARKER_TONES[marker]}>{MARKER_LABELS[marker]}</Badge>;
}

function countRelying(audit: RegionAudit | undefined): { tasks: number; inventory: number } | null {
  if (!audit?.findings) return null;
  return {
    tasks: audit.findings.windows.reduce((sum, window) => sum + window.tasks.filter((task) => task.reliesOnRole).length, 0),
    inventory: audit.findings.inventoryAssociations.filter((association) => association.usesTags || association.usesResourceGroups).length,
  };
}

export interface RegionEvidenceRow {
  region: string;
  marker: RegionEvidenceMarker;
  evidence?: RegionEvidence;
  audit?: RegionAudit;
}

/** One row per region with configuration, use, or unreadable evidence; quiet regions are left out. */
export function listRegionEvidenceRows(evidence: RoleEvidence, audit: AuditResult | null): RegionEvidenceRow[] {
  const codes = new Set([...evidence.regions.map((region) => region.region), ...(audit?.regions.map((region) => region.region.code) ?? [])]);
  const rows: RegionEvidenceRow[] = [];
  for (const code of codes) {
    const regionEvidence = evidence.regions.find((region) => region.region === code);
    const regionAudit = audit?.regions.find((region) => region.region.code === code);
    const marker = getRegionEvidenceMarker(regionAudit, regionEvidence);
    if (marker === 'unused' || marker === 'not-enabled') continue;
    rows.push({ region: code, marker, ...(regionEvidence ? { evidence: regionEvidence } : {}), ...(regionAudit ? { audit: regionAudit } : {}) });
  }
  return rows.sort((left, right) => left.region.localeCompare(right.region));
}

export function RegionEvidenceTable({ evidence, audit, nowMs }: { evidence: RoleEvidence; audit: AuditResult | null; nowMs: number }) {
  const rows = listRegionEvidenceRows(evidence, audit);
  return (
    <div className="space-y-4">
      <MissingPermissions permissions={evidence.missingPermissions} />
      <Card
        title="Evidence of use per region"
        description={`The role's last use in each region (CloudTrail, last ${CLOUDTRAIL_HISTORY_DAYS} days) next to what the last scan found there. Regions with neither are left out.`}
      >
        {!audit ? <p className="mb-2 text-sm text-slate-600">No scan yet: use is shown without the configuration that would explain it.</p> : null}
        <Table caption="Evidence of use per region">
          <thead>
            <tr>
              <Th>Region</Th>
              <Th>Tasks relying on the role</Th>
              <Th>Inventory through the role</Th>
              <Th>Last use (CloudTrail)</Th>
              <Th>Evidence</Th>
            </tr>
          </thead>
          <TBody>
            {rows.map((row) => {
              const counts = countRelying(row.audit);
              return (
                <tr key={row.region} data-region={row.region}>
                  <Td>
                    <Link href={`/regions/${row.region}`} className="text-indigo-700 hover:underline">
                      {row.region}
                    </Link>
                  </Td>
                  <Td>{counts ? counts.tasks : '—'}</Td>
                  <Td>{counts ? counts.inventory : '—'}</Td>
                  <Td>
                    {row.evidence?.lastUsedAt ? (
                      <span>
                        <DateTime iso={row.evidence.lastUsedAt} /> <span className="text-xs text-slate-500">({formatAge(row.evidence.lastUsedAt, nowMs)})</span>
                      </span>
                    ) : row.evidence?.status.kind === 'read' ? (
                      `none in ${CLOUDTRAIL_HISTORY_DAYS} days`
                    ) : (
                      'unknown'
                    )}
                  </Td>
                  <Td>
                    <RegionEvidenceBadge marker={row.marker} />
                  </Td>
                </tr>
              );
            })}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
