import { z } from 'zod';
import { isOrganizationMode } from '@/lib/config';
import { getOrgExportFileName, toOrgAuditCsv, toOrgAuditJson } from '@/lib/org/export';
import { getLastOrgAudit } from '@/lib/org/store';
import { authorizeRouteRequest } from '@/lib/security/guard';

// GET ?format=json|csv downloads the last organization audit: one row per account.

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv.' }).default('json'),
});

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ ok: false, message: parsed.error.issues.map((issue) => issue.message).join(' ') }, { status: 400 });
  }
  if (!isOrganizationMode()) {
    return Response.json({ ok: false, message: 'Organization mode is off: set ATLAS_ORG=1 or ATLAS_ACCOUNT_IDS.' }, { status: 404 });
  }
  const audit = await getLastOrgAudit();
  if (!audit) return Response.json({ ok: false, message: 'No organization audit yet: audit the accounts first.' }, { status: 404 });
  const { format } = parsed.data;
  return new Response(format === 'csv' ? toOrgAuditCsv(audit) : toOrgAuditJson(audit), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${getOrgExportFileName(audit, format)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
