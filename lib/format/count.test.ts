import { describe, expect, it } from 'vitest';
import { formatCount, plural, pluralize } from './count';

describe('formatCount', () => {
  it('groups thousands the en-US way, as toLocaleString did', () => {
    for (const value of [0, 1, 12, 999, 1000, 12345, 123456, 1234567, -4500, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
    }
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1000)).toBe('-1,000');
  });
});

describe('pluralize', () => {
  it('uses the singular for one only, and a given plural form', () => {
    expect(pluralize(1, 'window')).toBe('1 window');
    expect(pluralize(0, 'window')).toBe('0 windows');
    expect(pluralize(2500, 'entry', 'entries')).toBe('2,500 entries');
  });
});

describe('plural', () => {
  it('gives the word alone, for text that shows its count apart', () => {
    expect(plural(1, 'task')).toBe('task');
    expect(plural(0, 'task')).toBe('tasks');
    expect(plural(3, 'policy', 'policies')).toBe('policies');
  });
});
