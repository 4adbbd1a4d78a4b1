import { describe, expect, it } from 'vitest';
import { parseActivityFilter, toFilterQuery } from '@/lib/activity/filter';

describe('activity filter from a URL', () => {
  it('keeps valid filters and drops the rest instead of failing the page', () => {
    expect(parseActivityFilter({ operation: 'UpdateRole', result: 'refused', region: 'eu-west-1' })).toEqual({
      operation: 'UpdateRole',
      result: 'refused',
      region: 'eu-west-1',
    });
    expect(parseActivityFilter({ operation: "x'; DROP TABLE activity", result: 'maybe', region: 'EU WEST' })).toEqual({});
    expect(parseActivityFilter({ operation: ['DeleteServiceLinkedRole', 'UpdateRole'], result: '' })).toEqual({ operation: 'DeleteServiceLinkedRole' });
  });

  it('turns a filter back into the query the export link carries', () => {
    expect(toFilterQuery({ operation: 'UpdateRole', result: 'failed' })).toBe('operation=UpdateRole&result=failed');
    expect(toFilterQuery({})).toBe('');
  });
});
