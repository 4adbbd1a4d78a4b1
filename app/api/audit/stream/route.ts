import { z } from 'zod';
import { runAudit } from '@/lib/audit/run';
import { toOverviewEvent } from '@/lib/audit/summary';
import type { AuditProgressEvent } from '@/lib/audit/types';
import { authorizeRouteRequest } from '@/lib/security/guard';

// POST starts a scan of every region (or joins the one running) and streams its progress as NDJSON:
// one AuditProgressEvent per line, ending with "finished" or "failed". With ?view=overview each region carries
// its figures instead of its findings (what the region table needs; far smaller on a large account).

const querySchema = z.object({
  view: z.enum(['full', 'overview'], { error: 'view must be full or overview.' }).default('full'),
});

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  // Reading the account is not a change: allowed in read-only mode, refused cross-site and without a session.
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ ok: false, message: parsed.error.issues.map((issue) => issue.message).join(' ') }, { status: 400 });
  }
  const isOverview = parsed.data.view === 'overview';

  const encoder = new TextEncoder();
  let isClosed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        controller.close();
      };
      const send = (event: AuditProgressEvent) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(`${JSON.stringify(isOverview ? toOverviewEvent(event) : event)}\n`));
        if (event.type === 'finished' || event.type === 'failed') close();
      };
      // The scan goes on if the browser leaves: its result is stored for the next visit.
      runAudit({ onEvent: send }).then(close, close);
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
