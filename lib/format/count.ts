// Counts as the dashboard writes them, with en-US grouping (1,234). Counts are whole numbers, and grouping digits
// by threes is all that en-US formatting does to them: no Intl formatter is needed, whose first use in a page
// loads locale data on the main thread (about 15 ms, measured on the graph page), and Number's toLocaleString with
// a locale builds a new one on every call (once per graph node label).

export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

/** The word for a count: "window" for 1, "windows" otherwise. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** "1 window", "1,200 windows". */
export function pluralize(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${plural(count, singular, pluralForm)}`;
}
