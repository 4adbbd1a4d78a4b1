import type { RegionAudit } from '@/lib/audit/types';
import type { RegionEvidence } from './types';

// Joins a region's evidence of use to the audit's findings there. The audit's verdict stays the audit's:
// this only says whether what CloudTrail saw matches what the configuration explains.

export type RegionEvidenceMarker =
  /** Configuration relies on the role and CloudTrail shows use. */
  | 'used'
  /** Configuration relies on the role, yet no use in CloudTrail's 90 days. */
  | 'configured-unused'
  /** CloudTrail shows use, but no configuration relying on the role was found: the case to look into. */
  | 'used-cause-not-found'
  /** Neither configuration nor use. */
  | 'unused'
  /** The events could not be read (or the audit could not read the region): nothing can be said. */
  | 'evidence-unknown'
  | 'not-enabled';

/** Whether the audit found configuration in the region that makes Systems Manager assume the role. */
export function hasRelyingConfiguration(audit: RegionAudit): boolean {
  const findings = audit.findings;
  if (!findings) return false;
  return (
    findings.windows.some((window) => window.tasks.some((task) => task.reliesOnRole)) ||
    findings.inventoryAssociations.some((association) => association.usesTags || association.usesResourceGroups)
  );
}

export function getRegionEvidenceMarker(audit: RegionAudit | undefined, evidence: RegionEvidence | undefined): RegionEvidenceMarker {
  if (evidence?.status.kind === 'not-enabled' || audit?.status.kind === 'not-enabled') return 'not-enabled';
  if (!evidence || evidence.status.kind !== 'read') return 'evidence-unknown';
  const isUsed = evidence.sessions.length > 0;
  // Without a complete audit of the region, use cannot be called unexplained, nor absence of use "unused".
  if (!audit || audit.status.kind !== 'ok') return isUsed ? 'used' : 'evidence-unknown';
  const isConfigured = hasRelyingConfiguration(audit);
  if (isUsed) return isConfigured ? 'used' : 'used-cause-not-found';
  return isConfigured ? 'configured-unused' : 'unused';
}

export const MARKER_LABELS: Record<RegionEvidenceMarker, string> = {
  used: 'used',
  'configured-unused': 'configured, unused',
  'used-cause-not-found': 'used, cause not found',
  unused: 'no use, nothing configured',
  'evidence-unknown': 'evidence unknown',
  'not-enabled': 'not enabled',
};
