'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { readErrorMessage, readNdjsonStream } from '@/lib/ndjson';

// Starts (or joins) a long run through its streaming route (POST, NDJSON progress ending with "finished" or
// "failed") and follows it: the live state each progress event leaves, the finished result, or why it failed.

/** The two events that end a run; every other event is progress. */
export type TerminalEvent<F> = { type: 'finished'; audit: F } | { type: 'failed'; message: string };

export interface ProgressStreamOptions<E extends { type: string }, L, F> {
  url: string;
  /** What runs, as an error message names it: "The scan". */
  subject: string;
  /** Shown when the stream ends without its last event. */
  closedMessage: string;
  /** The live state as the run starts, before its first event. */
  initialLive: L;
  /** The live state after a progress event. */
  reduce: (live: L, event: Exclude<E, TerminalEvent<F>>) => L;
  onFinished?: (result: F) => void;
}

export interface ProgressStreamState<L, F> {
  live: L | null;
  finished: F | null;
  error: string | null;
  isRunning: boolean;
  start: () => void;
}

function isTerminal<E extends { type: string }, F>(event: E | TerminalEvent<F>): event is TerminalEvent<F> {
  return event.type === 'finished' || event.type === 'failed';
}

export function useProgressStream<E extends { type: string }, L, F>(options: ProgressStreamOptions<E, L, F>): ProgressStreamState<L, F> {
  const [live, setLive] = useState<L | null>(null);
  const [finished, setFinished] = useState<F | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const isStarted = useRef(false);
  // The latest options, so that `start` stays the same function from one render to the next.
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  const start = useCallback(() => {
    if (isStarted.current) return;
    isStarted.current = true;
    const { url, subject, closedMessage, initialLive } = latest.current;
    setIsRunning(true);
    setError(null);
    setLive(initialLive);
    (async () => {
      const response = await fetch(url, { method: 'POST', headers: { Accept: 'application/x-ndjson' } });
      if (!response.ok || !response.body) throw new Error(await readErrorMessage(response, subject));
      let isComplete = false;
      await readNdjsonStream<E | TerminalEvent<F>>(response.body, (event) => {
        if (!isTerminal<E, F>(event)) {
          setLive((current) => latest.current.reduce(current ?? latest.current.initialLive, event as Exclude<E, TerminalEvent<F>>));
          return;
        }
        isComplete = true;
        setLive(null);
        if (event.type === 'finished') {
          setFinished(event.audit);
          latest.current.onFinished?.(event.audit);
        } else {
          setError(event.message);
        }
      });
      if (!isComplete) throw new Error(closedMessage);
    })()
      .catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        setLive(null);
      })
      .finally(() => {
        isStarted.current = false;
        setIsRunning(false);
      });
  }, []);

  return { live, finished, error, isRunning, start };
}
