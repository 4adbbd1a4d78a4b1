import 'server-only';
import { writeFile } from 'node:fs/promises';
import { toAuditCsv, toAuditJson, toAuditTable } from '@/lib/audit/export';
import { runAudit } from '@/lib/audit/run';
import { ScanMetrics } from '@/lib/audit/scanner';
import type { AuditResult } from '@/lib/audit/types';
import { EXIT_CODES, getAuditExitCode } from '@/cli/exit-codes';
import { createAuditProgress } from '@/cli/progress';
import { describeFailure, writeOut } from '@/cli/session';

// `audit`: the dashboard's region audit, stored where the pages read it, printed or written in one format.

export const AUDIT_FORMATS = ['table', 'json', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditCommandOptions {
  format: AuditFormat;
  output?: string;
  region?: string[];
}

export function formatAudit(audit: AuditResult, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return toAuditJson(audit);
    case 'csv':
      return toAuditCsv(audit);
    case 'table':
      return toAuditTable(audit);
  }
}

export async function runAuditCommand(options: AuditCommandOptions): Promise<number> {
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

  const text = formatAudit(audit, options.format);
  if (options.output) {
    try {
      await writeFile(options.output, text);
    } catch (error) {
      console.error(`The audit could not be written to ${options.output}: ${(error as Error).message}`);
      return EXIT_CODES.error;
    }
    console.error(`Audit written to ${options.output}.`);
  } else {
    await writeOut(text);
  }
  if (options.region) console.error('Only some regions were scanned: this audit is not stored as the account’s last audit.');
  return getAuditExitCode(audit.verdict);
}
