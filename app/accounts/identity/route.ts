import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberIdentity } from '@/lib/org/member-identity';
import { authorizeRouteRequest } from '@/lib/security/guard';

// GET ?account=<id> answers, for the header, which member account a page shows and the assumed-role ARN the
// dashboard reads it as. The account is checked like every page checks it; no credential is ever in the answer.

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET(request: Request): Promise<Response> {
  const refusal = await authorizeRouteRequest(request, { mutates: false });
  if (refusal) return refusal;
  const scope = await getAccountScope(new URL(request.url).searchParams.get('account') ?? undefined);
  if (scope.kind === 'refused') return Response.json({ ok: false, message: scope.message }, { status: 404, headers: NO_STORE });
  if (scope.kind === 'own') return Response.json({ ok: true, data: { kind: 'own' } }, { headers: NO_STORE });
  return Response.json({ ok: true, data: { kind: 'member', ...(await getMemberIdentity(scope.account)) } }, { headers: NO_STORE });
}
