import 'server-only';
import { writeFile } from 'node:fs/promises';
import { toAuditCsv, toAuditJson, toAuditTable } from '@/lib/audit/export';
import { runAudit } from '@/lib/audit/run';
import { ScanMetrics } from '@/lib/audit/scanner';
import type { AuditResult } from '@/lib/audit/types';
import { isOrganizationMode } from '@/lib/config';
import { toOrgAuditCsv, toOrgAuditJson, toOrgAuditTable } from '@/lib/org/export';
import { runOrganizationAudit } from '@/lib/org/run';
import type { OrgAuditResult } from '@/lib/org/types';
import { EXIT_CODES, getAuditExitCode } from '@/cli/exit-codes';
import { createAuditProgress } from '@/cli/progress';
import { describeFailure, writeOut } from '@/cli/session';

// `audit`: the dashboard's region audit (or, in organization mode, its organization audit), stored where the
// pages read it, printed or written in one format.

export const AUDIT_FORMATS = ['table', 'json', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditCommandOptions {
  format: AuditFormat;
  output?: string;
  region?: string[];
}

/** How each format prints an audit, and an organization audit (the JSON and CSV are the dashboard's exports). */
const AUDIT_FORMATTERS: Record<AuditFormat, (audit: AuditResult) => string> = { json: (audit) => toAuditJson(audit), csv: toAuditCsv, table: toAuditTable };
const ORG_AUDIT_FORMATTERS: Record<AuditFormat, (audit: OrgAuditResult) => string> = { json: (audit) => toOrgAuditJson(audit), csv: toOrgAuditCsv, table: toOrgAuditTable };

export function formatAudit(audit: AuditResult, format: AuditFormat): string {
  return AUDIT_FORMATTERS[format](audit);
}

export function formatOrgAudit(audit: OrgAuditResult, format: AuditFormat): string {
  return ORG_AUDIT_FORMATTERS[format](audit);
}

async function writeResult(text: string, output: string | undefined): Promise<boolean> {
  if (!output) {
    await writeOut(text);
    return true;
  }
  try {
    await writeFile(output, text);
  } catch (error) {
    console.error(`The audit could not be written to ${output}: ${(error as Error).message}`);
    return false;
  }
  console.error(`Audit written to ${output}.`);
  return true;
}

async function runOrgAuditCommand(options: AuditCommandOptions): Promise<number> {
  if (options.region) {
    console.error('--region limits the audit of one account; in organization mode every region of every account is audited.');
    return EXIT_CODES.error;
  }
  let calls = 0;
  const progress = createAuditProgress({ stream: process.stderr, getCalls: () => calls });
  let audit: OrgAuditResult;
  try {
    audit = await runOrganizationAudit({
      onEvent: (event) => {
        if (event.type === 'account') calls += event.account.callCount;
        progress.onOrgEvent(event);
      },
    });
  } catch (error) {
    progress.stop();
    console.error(`The organization audit could not run: ${describeFailure(error)}`);
    return EXIT_CODES.error;
  }
  progress.stop();
  if (!(await writeResult(formatOrgAudit(audit, options.format), options.output))) return EXIT_CODES.error;
  return getAuditExitCode(audit.verdict);
}

export async function runAuditCommand(options: AuditCommandOptions): Promise<number> {
  if (isOrganizationMode()) return runOrgAuditCommand(options);
  const metrics = new ScanMetrics();
  const progress = createAuditProgress({ stream: process.stderr, getCalls: () => metrics.calls });
  let audit: AuditResult;
  try {
    audit = await runAudit({ metrics, onlyRegions: options.region, onEvent: progress.onEvent });
  } catch (error) {
    progress.stop();
    console.error(`The audit could not run: ${describeFailure(error)}`);
    return EXIT_CODES.error;
  }
  progress.stop();

  const scanned = new Set(audit.regions.map((region) => region.region.code));
  const missing = (options.region ?? []).filter((code) => !scanned.has(code));
  if (missing.length > 0) {
    console.error(`Not a region where Systems Manager is offered to this account: ${missing.join(', ')}.`);
    return EXIT_CODES.error;
  }

  if (!(await writeResult(formatAudit(audit, options.format), options.output))) return EXIT_CODES.error;
  if (options.region) console.error('Only some regions were scanned: this audit is not stored as the account’s last audit.');
  return getAuditExitCode(audit.verdict);
}
