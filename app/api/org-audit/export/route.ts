import { respondWithExport, refuseOutsideOrganizationMode } from '@/lib/http/route-responses';
import { getOrgExportFileName, toOrgAuditCsv, toOrgAuditJson } from '@/lib/org/export';
import { getLastOrgAudit } from '@/lib/org/store';
import { authorizeRouteRequest } from '@/lib/security/guard';

// GET ?format=json|csv downloads the last organization audit: one row per account.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  return respondWithExport(request, {
    precondition: refuseOutsideOrganizationMode,
    load: getLastOrgAudit,
    missingMessage: 'No organization audit yet: audit the accounts first.',
    toJson: (audit) => toOrgAuditJson(audit),
    toCsv: toOrgAuditCsv,
    fileName: getOrgExportFileName,
  });
}
