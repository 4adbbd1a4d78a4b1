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
