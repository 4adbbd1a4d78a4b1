import type { ActivityEntry } from '@/lib/activity/store';

// Serialises the activity log for download: JSON as stored, CSV with one row per entry (RFC 4180 quoting).

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

function csvField(value: string): string {
  // Cells that a spreadsheet would run as a formula are prefixed with a quote mark.
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(entries: ActivityEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      CSV_COLUMNS.map((column) => {
        const value = column === 'parameters' ? JSON.stringify(entry.parameters) : (entry[column] ?? '');
        return csvField(String(value));
      }).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(entries: ActivityEntry[]): string {
  return `${JSON.stringify({ entries }, null, 2)}\n`;
}
