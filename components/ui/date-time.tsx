import { pluralize } from '@/lib/format/count';
// A date shown readably (fixed en-GB locale, UTC, so server and browser render the same text) with the ISO value
// in the title attribute and the dateTime attribute.

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDateTime(iso: string, withTime = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || '—';
  return withTime ? `${dateTimeFormat.format(date)} UTC` : dateFormat.format(date);
}

export function DateTime({ iso, withTime = true }: { iso: string; withTime?: boolean }) {
  if (!iso) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(iso, withTime)}
    </time>
  );
}

/** "3 hours ago", "12 days ago": for server-rendered text only (a client render would drift from the server's). */
export function formatAge(iso: string, nowMs: number): string {
  const elapsedMs = nowMs - new Date(iso).getTime();
  if (Number.isNaN(elapsedMs)) return '';
  if (elapsedMs < 0) return 'in the future';
  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) return 'just now';
  const units: Array<[number, string]> = [
    [60 * 24 * 365, 'year'],
    [60 * 24 * 30, 'month'],
    [60 * 24, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  for (const [size, name] of units) {
    const count = Math.floor(minutes / size);
    if (count >= 1) return `${pluralize(count, name)} ago`;
  }
  return 'just now';
}
