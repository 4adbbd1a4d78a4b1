import { isOrganizationMode } from '@/lib/config';
import { runOrganizationAudit } from '@/lib/org/run';
import { toOrgOverviewEvent } from '@/lib/org/summary';
import type { OrgAuditEvent } from '@/lib/org/types';
import { authorizeRouteRequest } from '@/lib/security/guard';

// POST starts the organization audit (or joins the one running) and streams its progress as NDJSON: one
// OrgOverviewEvent per line (figures and states, no findings), ending with "finished" or "failed".

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  // Reading the accounts is not a change: allowed in read-only mode, refused cross-site and without a session.
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  if (!isOrganizationMode()) {
    return Response.json({ ok: false, message: 'Organization mode is off: set ATLAS_ORG=1 or ATLAS_ACCOUNT_IDS.' }, { status: 404 });
  }
  const encoder = new TextEncoder();
  let isClosed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        controller.close();
      };
      const send = (event: OrgAuditEvent) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(`${JSON.stringify(toOrgOverviewEvent(event))}\n`));
        if (event.type === 'finished' || event.type === 'failed') close();
      };
      // The audit goes on if the browser leaves: its result is stored for the next visit.
      runOrganizationAudit({ onEvent: send }).then(close, close);
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
