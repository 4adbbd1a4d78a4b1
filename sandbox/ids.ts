import { createHash, randomBytes } from 'node:crypto';

// Identifiers the sandbox hands out (maintenance-window ids, uuids, request ids) and the opaque page tokens of its
// list operations. Scenarios use a seeded generator so the same scenario always yields the same ids.

/** A source of random bytes: the process's CSPRNG, or a seeded PRNG for reproducible scenarios. */
export interface IdGenerator {
  /** `mw-` followed by 17 lower-case hex digits, as AWS formats WindowId. */
  windowId(): string;
  /** A version 4 uuid (WindowTaskId, AssociationId). */
  uuid(): string;
  /** A request id in AWS's uuid form. */
  requestId(): string;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** An integer in [0, bound). */
  integer(bound: number): number;
}

type ByteSource = (count: number) => Uint8Array;

function createGenerator(nextBytes: ByteSource): IdGenerator {
  const hex = (length: number): string => {
    const bytes = nextBytes(Math.ceil(length / 2));
    let text = '';
    for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
    return text.slice(0, length);
  };
  const uuid = (): string => {
    const bytes = nextBytes(16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    let text = '';
    for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  };
  return {
    windowId: () => `mw-${hex(17)}`,
    uuid,
    requestId: uuid,
    hex,
    integer: (bound) => {
      const bytes = nextBytes(4);
      const value = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
      return bound <= 0 ? 0 : value % bound;
    },
  };
}

/** Ids from the process's cryptographic random source, for objects created by API calls. */
export const randomIds: IdGenerator = createGenerator((count) => new Uint8Array(randomBytes(count)));

/**
 * Ids from a deterministic generator seeded by `seed` (sfc32, seeded through SHA-256), so a scenario built twice
 * has the same ids.
 */
export function createSeededIds(seed: string): IdGenerator {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let index = 0; index < 12; index += 1) next32();
  return createGenerator((count) => {
    const bytes = new Uint8Array(count);
    for (let index = 0; index < count; index += 4) {
      const word = next32();
      for (let shift = 0; shift < 4 && index + shift < count; shift += 1) bytes[index + shift] = (word >>> (shift * 8)) & 0xff;
    }
    return bytes;
  });
}

export function createWindowId(): string {
  return randomIds.windowId();
}

export function createUuid(): string {
  return randomIds.uuid();
}

export function createRequestId(): string {
  return randomIds.requestId();
}

// ---------- page tokens ----------

// Tokens carry the sort key of the last item returned and a fingerprint of the request's filters, sealed with a
// checksum: a token edited by hand, or replayed with other filters, is refused rather than silently misread.
const TOKEN_SEAL = 'ssm-role-atlas-sandbox-page-token';

export interface PageCursor {
  /** Sort key of the last item of the previous page; the next page starts after it. */
  after: string;
}

function sealToken(payload: string): string {
  return createHash('sha256').update(`${TOKEN_SEAL}|${payload}`).digest('base64url').slice(0, 16);
}

/** Fingerprint of the request parameters a token is bound to (operation, region, filters). */
export function fingerprintRequest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodePageToken(after: string, fingerprint: string): string {
  const payload = JSON.stringify({ a: after, f: fingerprint });
  return Buffer.from(JSON.stringify({ p: payload, s: sealToken(payload) }), 'utf8').toString('base64url');
}

/** The cursor a token holds, or null when the token is malformed, forged, or was issued for another request. */
export function decodePageToken(token: string, fingerprint: string): PageCursor | null {
  try {
    const outer: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof outer !== 'object' || outer === null) return null;
    const { p, s } = outer as { p?: unknown; s?: unknown };
    if (typeof p !== 'string' || typeof s !== 'string' || sealToken(p) !== s) return null;
    const inner: unknown = JSON.parse(p);
    if (typeof inner !== 'object' || inner === null) return null;
    const { a, f } = inner as { a?: unknown; f?: unknown };
    if (typeof a !== 'string' || f !== fingerprint) return null;
    return { after: a };
  } catch {
    return null;
  }
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of `items` in the order of their unique `keyOf` keys, starting after the token's cursor. Returns null
 * when the token is not valid for this request.
 */
export function takePage<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  pageSize: number,
  token: string | undefined,
  fingerprint: string,
): Page<T> | null {
  let after: string | undefined;
  if (token !== undefined) {
    const cursor = decodePageToken(token, fingerprint);
    if (!cursor) return null;
    after = cursor.after;
  }
  // Only the page (and one item more, to know whether another page follows) is kept in order, so a page of a
  // long listing costs one pass over it rather than a sort of all of it. Keys are computed once per item.
  const limit = pageSize + 1;
  const keyed: Array<{ key: string; item: T }> = [];
  for (const item of items) {
    const key = keyOf(item);
    if (after !== undefined && key <= after) continue;
    const largest = keyed[keyed.length - 1];
    if (keyed.length === limit && largest !== undefined && key >= largest.key) continue;
    let low = 0;
    let high = keyed.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((keyed[middle]?.key ?? '') <= key) low = middle + 1;
      else high = middle;
    }
    keyed.splice(low, 0, { key, item });
    if (keyed.length > limit) keyed.pop();
  }
  const pageItems = keyed.slice(0, pageSize);
  const last = pageItems[pageItems.length - 1];
  return keyed.length > pageSize && last !== undefined
    ? { items: pageItems.map((entry) => entry.item), nextToken: encodePageToken(last.key, fingerprint) }
    : { items: pageItems.map((entry) => entry.item) };
}

/**
 * One page of a listing already sorted by key (ascending, unique keys): from the cursor of `token`, the first
 * `pageSize` items that `isMatching` accepts. The same pages and tokens as takePage over the same items, found by a
 * binary search for the cursor and a walk that stops at the page's end, so a page of a long listing costs its own
 * length rather than the listing's.
 */
export function takeSortedPage<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  isMatching: (item: T) => boolean,
  pageSize: number,
  token: string | undefined,
  fingerprint: string,
): Page<T> | null {
  let index = 0;
  if (token !== undefined) {
    const cursor = decodePageToken(token, fingerprint);
    if (!cursor) return null;
    let high = sorted.length;
    while (index < high) {
      const middle = (index + high) >> 1;
      const item = sorted[middle];
      if (item !== undefined && keyOf(item) <= cursor.after) index = middle + 1;
      else high = middle;
    }
  }
  const items: T[] = [];
  for (; index < sorted.length; index += 1) {
    const item = sorted[index];
    if (item === undefined || !isMatching(item)) continue;
    if (items.length === pageSize) {
      const last = items[items.length - 1];
      return last === undefined ? { items } : { items, nextToken: encodePageToken(keyOf(last), fingerprint) };
    }
    items.push(item);
  }
  return { items };
}
