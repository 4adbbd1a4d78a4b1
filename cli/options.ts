import { InvalidArgumentError } from 'commander';
import { webhookUrlSchema } from '@/lib/config';
import { parseWatchInterval } from '@/lib/watch/interval';

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

/** `--every 15m`: from 1 minute to 24 hours. */
export function parseEvery(value: string): number {
  const ms = parseWatchInterval(value);
  if (ms === null) throw new InvalidArgumentError('Give a duration from 1m to 24h, such as 15m, 90s or 2h.');
  return ms;
}

/** `--webhook URL`: checked as ATLAS_WEBHOOK_URL is; the message never repeats the URL (its path may be a secret). */
export function parseWebhook(value: string): string {
  const parsed = webhookUrlSchema('--webhook').safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('--webhook must be an http(s) URL.');
  return parsed.data;
}
