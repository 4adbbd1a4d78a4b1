import { listActivity } from '@/lib/activity';
import { toCsv, toJson } from '@/lib/activity/export';
import { parseActivityFilter } from '@/lib/activity/filter';
import { authorizeRouteRequest } from '@/lib/security/guard';

// Downloads the activity log (with the page's filters) as JSON or CSV.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    return Response.json({ ok: false, message: 'format must be json or csv.' }, { status: 400 });
  }
  const entries = listActivity(parseActivityFilter(Object.fromEntries(url.searchParams)));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = format === 'csv' ? toCsv(entries) : toJson(entries);
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="atlas-activity-${stamp}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
