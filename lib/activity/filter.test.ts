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
    expect(parseActivityFilter({ account: '210987654321' })).toEqual({ accountId: '210987654321' });
    expect(parseActivityFilter({ account: '21098765432' })).toEqual({});
    expect(parseActivityFilter({ account: '210987654321; DROP' })).toEqual({});
  });

  it('turns a filter back into the query the export link carries', () => {
    expect(toFilterQuery({ operation: 'UpdateRole', result: 'failed' })).toBe('operation=UpdateRole&result=failed');
    expect(toFilterQuery({})).toBe('');
    expect(toFilterQuery({ result: 'failed', accountId: '210987654321' })).toBe('result=failed&account=210987654321');
  });
});
