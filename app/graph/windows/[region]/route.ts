import { z } from 'zod';
import { getLastAudit } from '@/lib/audit/store';
import { getRegionWindows } from '@/lib/graph/source';
import { getAccountScope } from '@/lib/org/account-scope';
import { getAccountAudit } from '@/lib/org/store';
import { authorizeRouteRequest } from '@/lib/security/guard';
import { regionCodeSchema } from '@/lib/validation/schemas';

// GET ?audit=<id>[&account=<member id>] answers the maintenance windows (and their tasks) of one region from the last stored audit,
// for the graph that expands a grouped region. No AWS call: it reads what the scan stored.

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  audit: z.string({ error: 'audit is required.' }).min(1, { error: 'audit is required.' }).max(200, { error: 'audit is too long.' }),
  account: z.string().optional(),
});

function fail(status: number, message: string): Response {
  return Response.json({ ok: false, message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function GET(request: Request, context: { params: Promise<{ region: string }> }): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const region = regionCodeSchema.safeParse((await context.params).region);
  if (!region.success) return fail(400, region.error.issues.map((issue) => issue.message).join(' '));
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return fail(400, query.error.issues.map((issue) => issue.message).join(' '));

  // A member account's windows come from its part of the last organization audit, once the account is checked.
  const scope = await getAccountScope(query.data.account);
  if (scope.kind === 'refused') return fail(404, scope.message);
  const audit = scope.kind === 'member' ? await getAccountAudit(scope.account.account.id) : await getLastAudit();
  if (!audit) return fail(404, scope.kind === 'member' ? 'The last organization audit holds no region audit of this account.' : 'No audit yet: scan all regions first.');
  if (audit.id !== query.data.audit) return fail(409, 'A newer scan replaced the one on screen: reload the page to see it.');
  const windows = getRegionWindows(audit, region.data);
  if (!windows) return fail(404, `The last scan holds no maintenance windows for ${region.data}.`);
  return Response.json({ ok: true, data: { regionCode: region.data, windows } }, { headers: { 'Cache-Control': 'no-store' } });
}
