import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResponse, respondWithExport, respondWithProgress } from '@/lib/http/route-responses';

// The stream and download answers both the audit's and the organization audit's routes are built with.

type Event = { type: 'started' } | { type: 'step'; n: number } | { type: 'finished' } | { type: 'failed'; message: string };

const viewSchema = z.object({ view: z.enum(['full', 'short'], { error: 'view must be full or short.' }).default('full') });

async function readLines(response: Response): Promise<unknown[]> {
  return (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('respondWithProgress', () => {
  it('streams one JSON line per event, shaped by the query, and closes after "finished"', async () => {
    const response = respondWithProgress(new Request('http://127.0.0.1/api?view=short'), {
      query: viewSchema,
      run: async (onEvent: (event: Event) => void) => {
        onEvent({ type: 'started' });
        onEvent({ type: 'step', n: 1 });
        onEvent({ type: 'finished' });
        // Nothing after the end reaches the stream.
        onEvent({ type: 'step', n: 2 });
      },
      toLine: (event, { view }) => ({ ...event, view }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await readLines(response)).toEqual([
      { type: 'started', view: 'short' },
      { type: 'step', n: 1, view: 'short' },
      { type: 'finished', view: 'short' },
    ]);
  });

  it('ends the stream with "failed", and ends it too when the task settles without a last event', async () => {
    const failed = respondWithProgress(new Request('http://127.0.0.1/api'), {
      query: viewSchema,
      run: async (onEvent: (event: Event) => void) => {
        onEvent({ type: 'failed', message: 'no access' });
        throw new Error('no access');
      },
      toLine: (event) => event,
    });
    expect(await readLines(failed)).toEqual([{ type: 'failed', message: 'no access' }]);

    const silent = respondWithProgress(new Request('http://127.0.0.1/api'), {
      query: viewSchema,
      run: async (onEvent: (event: Event) => void) => onEvent({ type: 'step', n: 7 }),
      toLine: (event) => event,
    });
    expect(await readLines(silent)).toEqual([{ type: 'step', n: 7 }]);
  });

  it('answers a bad query with 400 and its message, then the precondition, before starting anything', async () => {
    let runs = 0;
    const run = async () => {
      runs += 1;
    };
    const bad = respondWithProgress(new Request('http://127.0.0.1/api?view=everything'), {
      query: viewSchema,
      precondition: () => errorResponse(404, 'off'),
      run,
      toLine: (event: Event) => event,
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, message: 'view must be full or short.' });

    const refused = respondWithProgress(new Request('http://127.0.0.1/api'), { query: viewSchema, precondition: () => errorResponse(404, 'off'), run, toLine: (event: Event) => event });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ ok: false, message: 'off' });
    expect(runs).toBe(0);
  });
});

describe('respondWithExport', () => {
  const stored = { id: 'a1', rows: [1, 2] };
  const options = {
    load: async () => stored,
    missingMessage: 'Nothing yet.',
    toJson: (value: typeof stored) => JSON.stringify(value),
    toCsv: (value: typeof stored) => `id\n${value.id}\n`,
    fileName: (value: typeof stored, format: 'json' | 'csv') => `export-${value.id}.${format}`,
  };

  it('downloads JSON by default and CSV on ?format=csv, as an uncached attachment', async () => {
    const json = await respondWithExport(new Request('http://127.0.0.1/export'), options);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="export-a1.json"');
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.text()).toBe('{"id":"a1","rows":[1,2]}');

    const csv = await respondWithExport(new Request('http://127.0.0.1/export?format=csv'), options);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="export-a1.csv"');
    expect(await csv.text()).toBe('id\na1\n');
  });

  it('answers 400 for an unknown format, then the precondition, then 404 when nothing is stored', async () => {
    const bad = await respondWithExport(new Request('http://127.0.0.1/export?format=xml'), { ...options, precondition: () => errorResponse(404, 'off') });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, message: 'format must be json or csv.' });

    const refused = await respondWithExport(new Request('http://127.0.0.1/export'), { ...options, precondition: () => errorResponse(404, 'off') });
    expect(await refused.json()).toEqual({ ok: false, message: 'off' });

    const missing = await respondWithExport(new Request('http://127.0.0.1/export'), { ...options, load: async () => null });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, message: 'Nothing yet.' });
  });
});
