import type { ActivityEntry } from '@/lib/activity/store';
import { formatCsv } from '@/lib/csv';

// Serialises the activity log for download: JSON as stored, CSV with one row per entry (lib/csv).

export const CSV_COLUMNS = [
  'time',
  'target',
  'accountId',
  'callerArn',
  'region',
  'operation',
  'subject',
  'result',
  'message',
  'requestId',
  'parameters',
] as const;

export function toCsv(entries: ActivityEntry[]): string {
  const rows = entries.map((entry) =>
    CSV_COLUMNS.map((column) => String(column === 'parameters' ? JSON.stringify(entry.parameters) : (entry[column] ?? ''))),
  );
  return formatCsv(CSV_COLUMNS, rows);
}

export function toJson(entries: ActivityEntry[]): string {
  return `${JSON.stringify({ entries }, null, 2)}\n`;
}
