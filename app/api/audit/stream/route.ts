import { z } from 'zod';
import { runAudit } from '@/lib/audit/run';
import { toOverviewEvent } from '@/lib/audit/summary';
import type { AuditProgressEvent } from '@/lib/audit/types';
import { respondWithProgress } from '@/lib/http/route-responses';
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
  return respondWithProgress(request, {
    query: querySchema,
    run: (onEvent: (event: AuditProgressEvent) => void) => runAudit({ onEvent }),
    toLine: (event, { view }) => (view === 'overview' ? toOverviewEvent(event) : event),
  });
}
