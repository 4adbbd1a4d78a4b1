import 'server-only';
import { redirect } from 'next/navigation';
import { withAccount } from '@/lib/org/account-href';
import { hasSession } from '@/lib/security/guard';

// The gate every page calls first: without a session (or on a Host this server does not answer to), whatever
// the method and headers of the request, the page renders nothing of the account and sends the visitor to the
// sign-in page. The proxy's redirect is a convenience in front of it. A page that shows a member account passes
// its query, so that signing in leads back to the same account (only a well-formed id is kept).

type PageQuery = Promise<{ account?: string | string[] }>;

export async function requirePageSession(pathname: string, query?: PageQuery): Promise<void> {
  if (await hasSession()) return;
  const account = query ? (await query).account : undefined;
  const wanted = withAccount(pathname, typeof account === 'string' ? account : undefined);
  redirect(wanted === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(wanted)}`);
}
