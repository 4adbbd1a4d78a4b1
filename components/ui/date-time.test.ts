import { describe, expect, it } from 'vitest';
import { formatAge, formatDateTime } from './date-time';

describe('formatDateTime', () => {
  it('renders in a fixed locale and in UTC, whatever the machine’s zone', () => {
    expect(formatDateTime('2025-07-15T09:05:00Z')).toBe('15 Jul 2025, 09:05 UTC');
    expect(formatDateTime('2025-07-15T23:59:00-02:00', false)).toBe('16 Jul 2025');
  });

  it('returns text it cannot read as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-27T11:59:40Z', 'just now'],
    ['2026-11-27T11:59:00Z', '1 minute ago'],
    ['2026-11-27T04:30:00Z', '7 hours ago'],
    ['2026-11-20T12:00:00Z', '7 days ago'],
    ['2026-08-01T12:00:00Z', '3 months ago'],
    ['2022-05-22T12:00:00Z', '4 years ago'],
    ['2026-11-28T12:00:00Z', 'in the future'],
  ])('%s is %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });
});
