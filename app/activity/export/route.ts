import { listActivity } from '@/lib/activity';
import { toCsv, toJson } from '@/lib/activity/export';
import { parseActivityFilter } from '@/lib/activity/filter';
import { respondWithExport } from '@/lib/http/route-responses';
import { authorizeRouteRequest } from '@/lib/security/guard';

// Downloads the activity log (with the page's filters) as JSON or CSV.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const filter = parseActivityFilter(Object.fromEntries(new URL(request.url).searchParams));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return respondWithExport(request, {
    // The log always answers, with no entry at all when nothing matches.
    load: async () => listActivity(filter),
    missingMessage: 'The activity log could not be read.',
    toJson,
    toCsv,
    fileName: (_entries, format) => `atlas-activity-${stamp}.${format}`,
  });
}
