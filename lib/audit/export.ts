import { describeStatus, getRegionCounts, getStatusLabel, isRegionUnknown } from '@/lib/audit/summary';
import type { AuditResult } from '@/lib/audit/types';
import { describeVerdict } from '@/lib/audit/verdict';
import { formatCsv } from '@/lib/csv';
import { formatTextTable } from '@/lib/text-table';

// Serialises an audit for download and for the command line: JSON (the whole audit), CSV (one row per region,
// lib/csv) or an aligned text table.

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

const TABLE_COLUMNS = [
  ['region', 'REGION'],
  ['scanStatus', 'STATUS'],
  ['maintenanceWindows', 'WINDOWS'],
  ['tasksOnRole', 'TASKS ON ROLE'],
  ['tasksOnCustomRoles', 'CUSTOM ROLE'],
  ['inventoryAssociations', 'INVENTORY'],
  ['dataSyncs', 'SYNCS'],
  ['resourceGroups', 'GROUPS'],
  ['taggedResources', 'TAGGED'],
] as const satisfies ReadonlyArray<readonly [(typeof AUDIT_CSV_COLUMNS)[number], string]>;

/** Plain text for a terminal: the verdict, then one aligned row per region (unread figures shown as "?"). */
export function toAuditTable(audit: AuditResult): string {
  const rows = audit.regions.map((region) => {
    const counts = getRegionCounts(region);
    const figure = (value: number | undefined) => (counts ? String(value) : region.status.kind === 'not-enabled' ? '-' : '?');
    const cells: Record<(typeof TABLE_COLUMNS)[number][0], string> = {
      region: region.region.code,
      scanStatus: getStatusLabel(region.status),
      maintenanceWindows: figure(counts?.windows),
      tasksOnRole: figure(counts?.tasksOnRole),
      tasksOnCustomRoles: figure(counts?.tasksOnCustomRoles),
      inventoryAssociations: figure(counts?.inventoryAssociations),
      dataSyncs: figure(counts?.dataSyncs),
      resourceGroups: figure(counts?.resourceGroups),
      taggedResources: figure(counts?.taggedResources),
    };
    return TABLE_COLUMNS.map(([key]) => cells[key]);
  });
  const header = TABLE_COLUMNS.map(([, title]) => title);
  const problems = audit.regions
    .filter((region) => isRegionUnknown(region.status))
    .map((region) => `  ${region.region.code}: ${describeStatus(region.status)}`);
  return [
    `Account ${audit.target.accountId} (${audit.target.target}), scanned ${audit.finishedAt}`,
    `Role ${audit.roleArn}: ${audit.roleExists ? 'present' : 'absent'}`,
    describeVerdict(audit.verdict),
    '',
    ...formatTextTable(header, rows),
    ...(problems.length > 0 ? ['', 'Not read:', ...problems] : []),
    ...(audit.warnings && audit.warnings.length > 0 ? ['', 'Warnings:', ...audit.warnings.map((warning) => `  ${warning}`)] : []),
    '',
  ].join('\n');
}
