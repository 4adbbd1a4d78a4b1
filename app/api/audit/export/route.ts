import { z } from 'zod';
import { getAuditExportFileName, toAuditCsv, toAuditJson } from '@/lib/audit/export';
import { getLastAudit } from '@/lib/audit/store';
import { authorizeRouteRequest } from '@/lib/security/guard';

// GET ?format=json|csv downloads the last audit: time, target, account and every region's row.

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
  const audit = await getLastAudit();
  if (!audit) {
    return Response.json({ ok: false, message: 'No audit yet: scan all regions first.' }, { status: 404 });
  }
  const { format } = parsed.data;
  const body = format === 'csv' ? toAuditCsv(audit) : toAuditJson(audit);
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${getAuditExportFileName(audit, format)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
