import { runAudit } from '@/lib/audit/run';
import type { AuditProgressEvent } from '@/lib/audit/types';
import { authorizeRouteRequest } from '@/lib/security/guard';

// POST starts a scan of every region (or joins the one running) and streams its progress as NDJSON:
// one AuditProgressEvent per line, ending with "finished" or "failed".

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  // Reading the account is not a change: allowed in read-only mode, refused cross-site and without a session.
  const refusal = await authorizeRouteRequest(request, { mutates: false });
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
      const send = (event: AuditProgressEvent) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
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
