import { z } from 'zod';
import { refuseOutsideOrganizationMode, respondWithProgress } from '@/lib/http/route-responses';
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
  return respondWithProgress(request, {
    // It takes no parameters: any given are ignored.
    query: z.object({}),
    precondition: refuseOutsideOrganizationMode,
    run: (onEvent: (event: OrgAuditEvent) => void) => runOrganizationAudit({ onEvent }),
    toLine: (event) => toOrgOverviewEvent(event),
  });
}
