// The watch's interval as written in `--every` and ATLAS_WATCH_EVERY: "90s", "15m", "2h", from 1 minute to 24 hours.

const DURATION = /^(\d+)\s*(s|m|h)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const WATCH_MIN_MS = 60_000;
export const WATCH_MAX_MS = 24 * 3_600_000;

/** Milliseconds, or null when the text is not such a duration or is out of bounds. */
export function parseWatchInterval(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= WATCH_MIN_MS && ms <= WATCH_MAX_MS ? ms : null;
}

export function formatWatchInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
