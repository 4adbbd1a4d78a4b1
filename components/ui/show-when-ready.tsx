import { Suspense, type ReactNode } from 'react';

// Slow server content with a loading state that only shows when the content is slow.

/**
 * How long a page waits for its content before it sends its header and a skeleton first: within a second, so a
 * navigation still answers promptly, and long enough for the reads of a page on a busy server.
 */
export const SKELETON_AFTER_MS = 1_000;

async function Resolved({ content }: { content: Promise<ReactNode> }) {
  return await content;
}

/**
 * Renders `content` with the page when it is ready within `patienceMs`; otherwise sends `fallback` at once (with
 * the page's header around it) and streams the content in its place when ready. A page whose content comes fast
 * thus paints it in its first response, never a skeleton that the content replaces a moment later (a streamed
 * Suspense boundary is revealed only after a short batching delay, which would hold back the largest paint).
 */
export async function ShowWhenReady({
  content,
  fallback,
  patienceMs = SKELETON_AFTER_MS,
}: {
  content: Promise<ReactNode>;
  fallback: ReactNode;
  patienceMs?: number;
}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const patience = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), patienceMs);
  });
  try {
    const early = await Promise.race([content.then((node) => ({ node })), patience]);
    if (early) return early.node;
  } finally {
    clearTimeout(timer);
  }
  return (
    <Suspense fallback={fallback}>
      <Resolved content={content} />
    </Suspense>
  );
}
