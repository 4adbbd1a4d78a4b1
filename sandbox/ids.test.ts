import { describe, expect, it } from 'vitest';
import { createSeededIds, decodePageToken, encodePageToken, fingerprintRequest, randomIds, takePage, takeSortedPage } from './ids';

describe('id generators', () => {
  it('formats window ids, uuids and request ids as AWS does', () => {
    for (const ids of [randomIds, createSeededIds('format')]) {
      expect(ids.windowId()).toMatch(/^mw-[0-9a-f]{17}$/);
      expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.requestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    }
  });

  it('repeats the same sequence for the same seed and another for another seed', () => {
    const sequence = (seed: string) => {
      const ids = createSeededIds(seed);
      return [ids.windowId(), ids.uuid(), ids.hex(9), ids.integer(1000)];
    };
    expect(sequence('demo')).toEqual(sequence('demo'));
    expect(sequence('demo')).not.toEqual(sequence('large'));
    const many = createSeededIds('spread');
    const windowIds = new Set(Array.from({ length: 5000 }, () => many.windowId()));
    expect(windowIds.size).toBe(5000);
  });
});

describe('page tokens', () => {
  const fingerprint = fingerprintRequest(['DescribeMaintenanceWindows', 'us-east-1', []]);

  it('round-trips a cursor and refuses tokens that were edited or issued for another request', () => {
    const token = encodePageToken('window-09', fingerprint);
    expect(decodePageToken(token, fingerprint)).toEqual({ after: 'window-09' });
    expect(decodePageToken(token, fingerprintRequest(['DescribeMaintenanceWindows', 'eu-west-1', []]))).toBeNull();
    const outer = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: string; s: string };
    const edited = Buffer.from(JSON.stringify({ p: outer.p.replace('window-09', 'window-01'), s: outer.s })).toString('base64url');
    expect(decodePageToken(edited, fingerprint)).toBeNull();
    expect(decodePageToken('%%%', fingerprint)).toBeNull();
    expect(decodePageToken('', fingerprint)).toBeNull();
  });

  it('walks a sorted list page by page and reports no token after the last page', () => {
    const items = Array.from({ length: 7 }, (_, index) => `item-${index}`);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = takePage(items, (item) => item, 3, token, fingerprint);
      if (!page) throw new Error('token refused');
      seen.push(...page.items);
      token = page.nextToken;
      pages += 1;
    } while (token);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
    expect(takePage(items, (item) => item, 7, undefined, fingerprint)?.nextToken).toBeUndefined();
    expect(takePage(items, (item) => item, 3, 'forged', fingerprint)).toBeNull();
  });

  it('pages a sorted list with a filter from the cursor, exactly as takePage pages the same items unsorted', () => {
    // 200 keys in a scrambled order; every third one is filtered out.
    const unsorted = Array.from({ length: 200 }, (_, index) => `arn:key-${String((index * 37) % 200).padStart(3, '0')}`);
    const sorted = [...unsorted].sort();
    const isMatching = (item: string) => Number(item.slice(-3)) % 3 !== 0;
    const expected = sorted.filter(isMatching);
    for (const pageSize of [1, 7, 50, 133, 134, 500]) {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = takeSortedPage(sorted, (item) => item, isMatching, pageSize, token, fingerprint);
        const reference = takePage(unsorted.filter(isMatching), (item) => item, pageSize, token, fingerprint);
        if (!page || !reference) throw new Error('token refused');
        expect(page).toEqual(reference);
        expect(page.items.length).toBe(Math.min(pageSize, expected.length - seen.length));
        seen.push(...page.items);
        token = page.nextToken;
      } while (token);
      expect(seen).toEqual(expected);
    }
    expect(takeSortedPage(sorted, (item) => item, isMatching, 3, 'forged', fingerprint)).toBeNull();
    expect(takeSortedPage([], (item: string) => item, isMatching, 3, undefined, fingerprint)).toEqual({ items: [] });
  });
});
