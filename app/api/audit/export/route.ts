import { getAuditExportFileName, toAuditCsv, toAuditJson } from '@/lib/audit/export';
import { getLastAudit } from '@/lib/audit/store';
import { respondWithExport } from '@/lib/http/route-responses';
import { authorizeRouteRequest } from '@/lib/security/guard';

// GET ?format=json|csv downloads the last audit: time, target, account and every region's row.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  return respondWithExport(request, {
    load: getLastAudit,
    missingMessage: 'No audit yet: scan all regions first.',
    toJson: (audit) => toAuditJson(audit),
    toCsv: toAuditCsv,
    fileName: getAuditExportFileName,
  });
}
