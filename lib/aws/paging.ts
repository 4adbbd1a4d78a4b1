import 'server-only';

// How lib/aws runs its calls: the call runner a caller may pass (the audit bounds, retries and aborts through
// it), pagination to the last page, and the request id of an answer.

/** What one AWS call is, for the caller's bookkeeping (concurrency limits, call counts, page counts). */
export interface CallInfo {
  operation: string;
  /** Distinguishes independent page chains of one operation (e.g. the window id of a task listing). */
  key?: string;
}

/**
 * Runs one AWS call. The audit passes a runner that bounds concurrency, retries transient failures and aborts
 * at the region's deadline; outside the audit the default runs the call as it is.
 */
export type CallRunner = <T>(info: CallInfo, send: (abortSignal?: AbortSignal) => Promise<T>) => Promise<T>;

export const runDirectly: CallRunner = (_info, send) => send();

export interface ReadOptions {
  run?: CallRunner;
}

/** What one page holds, and the token of the next page (absent or empty on the last). */
export interface PageContent<Item> {
  items: Item[] | undefined;
  nextToken: string | undefined;
}

/**
 * Follows a pagination token (NextToken, PaginationToken, or IAM's Marker while IsTruncated) to the last page,
 * one page at a time: each page depends on the previous one. `maxPages` stops early, and so does `onPage`
 * returning false (what was sought is found); `isComplete` then says so.
 */
export async function readPages<Page, Item>(
  run: CallRunner,
  info: CallInfo,
  fetchPage: (token: string | undefined, abortSignal?: AbortSignal) => Promise<Page>,
  read: (page: Page) => PageContent<Item>,
  onPage: (items: Item[], pageNumber: number) => void | boolean,
  maxPages = Number.POSITIVE_INFINITY,
): Promise<{ pages: number; isComplete: boolean }> {
  let token: string | undefined;
  let pageNumber = 0;
  let isWanted = true;
  do {
    const current = token;
    const page = await run(info, (abortSignal) => fetchPage(current, abortSignal));
    const { items = [], nextToken } = read(page);
    pageNumber += 1;
    isWanted = onPage(items, pageNumber) !== false;
    token = nextToken || undefined;
  } while (token && isWanted && pageNumber < maxPages);
  return { pages: pageNumber, isComplete: token === undefined };
}

/** Every item of every page, in order. `onPage` sees each page as it arrives. */
export async function collectPages<Page, Item>(
  run: CallRunner,
  info: CallInfo,
  fetchPage: (token: string | undefined, abortSignal?: AbortSignal) => Promise<Page>,
  read: (page: Page) => PageContent<Item>,
  onPage?: (items: Item[], pageNumber: number) => void,
): Promise<Item[]> {
  const items: Item[] = [];
  await readPages(run, info, fetchPage, read, (pageItems, pageNumber) => {
    items.push(...pageItems);
    onPage?.(pageItems, pageNumber);
  });
  return items;
}

/** The request id AWS gave an answer, as a field to spread into a result (absent when there is none). */
export function requestIdOf(output: { $metadata?: { requestId?: string } } | { requestId?: string }): { requestId?: string } {
  const requestId = '$metadata' in output ? output.$metadata?.requestId : 'requestId' in output ? output.requestId : undefined;
  return requestId ? { requestId } : {};
}
