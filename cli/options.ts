import { InvalidArgumentError } from 'commander';

// Parsers for option values, each refusing bad input with a message that names what is expected.

const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** `--region a,b --region c` → [a, b, c]: repeatable, each value a comma-separated list of region codes. */
export function collectRegions(value: string, previous: string[] = []): string[] {
  const codes = value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  if (codes.length === 0) throw new InvalidArgumentError('Give at least one region code, e.g. eu-west-1.');
  const invalid = codes.filter((code) => !REGION_CODE.test(code));
  if (invalid.length > 0) throw new InvalidArgumentError(`Not a region code: ${invalid.join(', ')} (expected e.g. eu-west-1).`);
  return [...new Set([...previous, ...codes])];
}

const DURATION = /^(\d+)\s*(s|m|h)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const WATCH_MIN_MS = 60_000;
export const WATCH_MAX_MS = 24 * 3_600_000;

/** "15m", "90s", "2h" → milliseconds, between 1 minute and 24 hours; null when the text is not such a duration. */
export function parseWatchInterval(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= WATCH_MIN_MS && ms <= WATCH_MAX_MS ? ms : null;
}
