import { getRegionCounts, getStatusLabel, describeStatus } from '@/lib/audit/summary';
import type { AuditResult } from '@/lib/audit/types';
import { describeVerdict } from '@/lib/audit/verdict';
import { formatCsv } from '@/lib/csv';

// Serialises an audit for download: JSON (the whole audit) or CSV (one row per region, lib/csv).

export const AUDIT_CSV_COLUMNS = [
  'scannedAt',
  'target',
  'accountId',
  'region',
  'regionName',
  'optInStatus',
  'scanStatus',
  'statusDetail',
  'maintenanceWindows',
  'tasksOnRole',
  'tasksOnCustomRoles',
  'inventoryAssociations',
  'dataSyncs',
  'resourceGroups',
  'taggedResources',
  'tasksOnRoleArns',
  'warnings',
] as const;

export function toAuditCsv(audit: AuditResult): string {
  const rows = audit.regions.map((region) => {
    const counts = getRegionCounts(region);
    const blockingArns = (region.findings?.windows ?? []).flatMap((window) => window.tasks.filter((task) => task.reliesOnRole).map((task) => task.arn));
    const row: Record<(typeof AUDIT_CSV_COLUMNS)[number], string> = {
      scannedAt: audit.finishedAt,
      target: audit.target.target,
      accountId: audit.target.accountId,
      region: region.region.code,
      regionName: region.region.name,
      optInStatus: region.region.optInStatus,
      scanStatus: getStatusLabel(region.status),
      statusDetail: region.status.kind === 'ok' ? '' : describeStatus(region.status),
      // An unread region has no figures: the cells stay empty rather than saying 0.
      maintenanceWindows: counts ? String(counts.windows) : '',
      tasksOnRole: counts ? String(counts.tasksOnRole) : '',
      tasksOnCustomRoles: counts ? String(counts.tasksOnCustomRoles) : '',
      inventoryAssociations: counts ? String(counts.inventoryAssociations) : '',
      dataSyncs: counts ? String(counts.dataSyncs) : '',
      resourceGroups: counts ? String(counts.resourceGroups) : '',
      taggedResources: counts ? String(counts.taggedResources) : '',
      tasksOnRoleArns: blockingArns.join(' '),
      warnings: region.warnings.join(' | '),
    };
    return AUDIT_CSV_COLUMNS.map((column) => row[column]);
  });
  return formatCsv(AUDIT_CSV_COLUMNS, rows);
}

export function toAuditJson(audit: AuditResult, exportedAt = new Date().toISOString()): string {
  return `${JSON.stringify({ exportedAt, verdictSummary: describeVerdict(audit.verdict), audit }, null, 2)}\n`;
}

export function getAuditExportFileName(audit: AuditResult, format: 'json' | 'csv'): string {
  const stamp = audit.finishedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `ssm-role-audit-${audit.target.accountId || 'account'}-${stamp}.${format}`;
}
