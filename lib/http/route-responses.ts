import 'server-only';
import { z } from 'zod';
import { isOrganizationMode } from '@/lib/config';

// The answers the API routes share: a JSON error, a query checked with zod, a task's progress streamed as NDJSON,
// and a stored result downloaded as JSON or CSV. Each route checks access itself first, then calls these.

/** A JSON error answer, `{ ok: false, message }`, with its HTTP status. */
export function errorResponse(status: number, message: string): Response {
  return Response.json({ ok: false, message }, { status });
}

type QueryResult<Query> = { ok: true; query: Query } | { ok: false; response: Response };

/** The request's query parameters checked with `schema`, or the 400 answer that says what is wrong. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): QueryResult<z.output<Schema>> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, response: errorResponse(400, parsed.error.issues.map((issue) => issue.message).join(' ')) };
}

interface RouteOptions<Schema extends z.ZodType> {
  /** The query parameters the route takes. */
  query: Schema;
  /** Checked after the query: an answer here (a 404 when a mode is off) is sent instead. */
  precondition?: () => Response | null;
}

export interface ProgressOptions<Schema extends z.ZodType, Event> extends RouteOptions<Schema> {
  /** Starts the task (or joins the one running), handing each of its events to `onEvent`. */
  run: (onEvent: (event: Event) => void) => Promise<unknown>;
  /** What one line of the stream holds for an event. */
  toLine: (event: Event, query: z.output<Schema>) => unknown;
}

/**
 * Streams a task's progress as NDJSON, one event a line, closed after its "finished" or "failed" event. The task
 * goes on if the browser leaves: its result is stored for the next visit.
 */
export function respondWithProgress<Schema extends z.ZodType, Event extends { type: string }>(request: Request, options: ProgressOptions<Schema, Event>): Response {
  const parsed = parseQuery(request, options.query);
  if (!parsed.ok) return parsed.response;
  const refusal = options.precondition?.();
  if (refusal) return refusal;

  const encoder = new TextEncoder();
  let isClosed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        controller.close();
      };
      const send = (event: Event) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(`${JSON.stringify(options.toLine(event, parsed.query))}\n`));
        if (event.type === 'finished' || event.type === 'failed') close();
      };
      options.run(send).then(close, close);
    },
    cancel() {
      isClosed = true;
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const exportQuerySchema = z.object({
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv.' }).default('json'),
});

export type ExportFormat = z.output<typeof exportQuerySchema>['format'];

export interface ExportOptions<Stored> {
  /** Checked after the query: an answer here (a 404 when a mode is off) is sent instead. */
  precondition?: () => Response | null;
  /** The stored result to export, or null when there is none yet. */
  load: () => Promise<Stored | null>;
  /** The 404 message when there is nothing to export. */
  missingMessage: string;
  toJson: (stored: Stored) => string;
  toCsv: (stored: Stored) => string;
  fileName: (stored: Stored, format: ExportFormat) => string;
}

/** Downloads a stored result as JSON or CSV (`?format=`, JSON by default), never cached. */
export async function respondWithExport<Stored>(request: Request, options: ExportOptions<Stored>): Promise<Response> {
  const parsed = parseQuery(request, exportQuerySchema);
  if (!parsed.ok) return parsed.response;
  const refusal = options.precondition?.();
  if (refusal) return refusal;
  const stored = await options.load();
  if (!stored) return errorResponse(404, options.missingMessage);
  const { format } = parsed.query;
  return new Response(format === 'csv' ? options.toCsv(stored) : options.toJson(stored), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${options.fileName(stored, format)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The 404 of an organization route while organization mode is off, or null when it is on. */
export function refuseOutsideOrganizationMode(): Response | null {
  return isOrganizationMode() ? null : errorResponse(404, 'Organization mode is off: set ATLAS_ORG=1 or ATLAS_ACCOUNT_IDS.');
}
