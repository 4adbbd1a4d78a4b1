import { formatCsv } from '@/lib/csv';
import { formatTextTable } from '@/lib/text-table';
import { ACCOUNT_VERDICT_LABELS, describeOrgVerdict, toAccountOverview, type AccountRow } from '@/lib/org/summary';
import type { OrgAuditResult } from '@/lib/org/types';

// Serialises an organization audit for download: JSON (the accounts with their figures and every region's state)
// or CSV (one row per account, lib/csv).

export const ORG_CSV_COLUMNS = [
  'auditedAt',
  'accountId',
  'accountName',
  'organizationalUnit',
  'status',
  'verdict',
  'rolePresent',
  'roleLastUsed',
  'roleLastUsedRegion',
  'tasksOnRole',
  'regionsWithDataImpact',
  'regionsUnknown',
  'problem',
  'callerArn',
] as const;

/** An unread figure stays empty, never 0; yes/no for the role. */
function figure(value: number | null): string {
  return value === null ? '' : String(value);
}

function toCsvRow(auditedAt: string, row: AccountRow): string[] {
  const fields: Record<(typeof ORG_CSV_COLUMNS)[number], string> = {
    auditedAt,
    accountId: row.id,
    accountName: row.name,
    organizationalUnit: row.ouPath,
    status: row.status,
    verdict: ACCOUNT_VERDICT_LABELS[row.verdict],
    rolePresent: row.rolePresent === null ? '' : row.rolePresent ? 'yes' : 'no',
    roleLastUsed: row.lastUsedDate ?? '',
    roleLastUsedRegion: row.lastUsedRegion ?? '',
    tasksOnRole: figure(row.tasksOnRole),
    regionsWithDataImpact: figure(row.dataImpactRegions),
    regionsUnknown: figure(row.regionsUnknown),
    problem: row.problem ?? '',
    callerArn: row.callerArn ?? '',
  };
  return ORG_CSV_COLUMNS.map((column) => fields[column]);
}

export function toOrgAuditCsv(audit: OrgAuditResult): string {
  return formatCsv(
    ORG_CSV_COLUMNS,
    audit.accounts.map((result) => toCsvRow(audit.finishedAt, toAccountOverview(result))),
  );
}

export function toOrgAuditJson(audit: OrgAuditResult, exportedAt = new Date().toISOString()): string {
  const accounts = audit.accounts.map(toAccountOverview).map(({ cells, ...row }) => ({ ...row, regions: cells }));
  const document = {
    exportedAt,
    auditId: audit.id,
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    target: audit.target,
    organizationId: audit.structure.organizationId ?? null,
    managementAccountId: audit.structure.managementAccountId ?? null,
    source: audit.structure.source,
    verdict: audit.verdict,
    verdictSummary: describeOrgVerdict(audit.verdict),
    organizationalUnits: audit.structure.tree,
    accounts,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function getOrgExportFileName(audit: OrgAuditResult, format: 'json' | 'csv'): string {
  const stamp = audit.finishedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `ssm-role-organization-${audit.structure.organizationId || audit.structure.callerAccountId || 'accounts'}-${stamp}.${format}`;
}

const TABLE_COLUMNS = [
  ['id', 'ACCOUNT'],
  ['name', 'NAME'],
  ['status', 'STATUS'],
  ['role', 'ROLE'],
  ['tasksOnRole', 'TASKS ON ROLE'],
  ['dataImpactRegions', 'DATA IMPACT REGIONS'],
  ['regionsUnknown', 'UNREAD REGIONS'],
  ['verdict', 'VERDICT'],
] as const;

/** Plain text for a terminal: the verdict, then one aligned row per account ("?" where it was not read). */
export function toOrgAuditTable(audit: OrgAuditResult): string {
  const accounts = audit.accounts.map(toAccountOverview);
  const figure = (value: number | null) => (value === null ? '?' : String(value));
  const rows = accounts.map((row) => {
    const cells: Record<(typeof TABLE_COLUMNS)[number][0], string> = {
      id: row.id,
      name: row.name,
      status: row.status,
      role: row.rolePresent === null ? '?' : row.rolePresent ? 'present' : 'absent',
      tasksOnRole: figure(row.tasksOnRole),
      dataImpactRegions: figure(row.dataImpactRegions),
      regionsUnknown: figure(row.regionsUnknown),
      verdict: ACCOUNT_VERDICT_LABELS[row.verdict],
    };
    return TABLE_COLUMNS.map(([key]) => cells[key]);
  });
  const header = TABLE_COLUMNS.map(([, title]) => title);
  const problems = accounts.filter((row) => row.problem).map((row) => `  ${row.id}: ${row.problem}`);
  return [
    `Organization audit (${audit.target}), ${audit.accounts.length} accounts, finished ${audit.finishedAt}`,
    describeOrgVerdict(audit.verdict),
    '',
    ...formatTextTable(header, rows),
    ...(problems.length > 0 ? ['', 'Not read:', ...problems] : []),
    '',
  ].join('\n');
}
