import 'server-only';
import { redirect } from 'next/navigation';
import { hasSession } from '@/lib/security/guard';

// The gate every page calls first: without a session (or on a Host this server does not answer to), whatever
// the method and headers of the request, the page renders nothing of the account and sends the visitor to the
// sign-in page. The proxy's redirect is a convenience in front of it.

export async function requirePageSession(pathname: string): Promise<void> {
  if (await hasSession()) return;
  redirect(pathname === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(pathname)}`);
}
