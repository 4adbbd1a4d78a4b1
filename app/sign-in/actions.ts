'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAccessSettings } from '@/lib/config';
import { hasSession, isHostAllowed, isHttpsRequest } from '@/lib/security/guard';
import { HOST_REFUSED_MESSAGE } from '@/lib/security/host';
import { getSessionCookieOptions, isAccessTokenCorrect, SESSION_COOKIE_NAME } from '@/lib/security/session';
import { createSession, endAllSessions } from '@/lib/security/session-register';
import { signInInputSchema } from '@/lib/security/sign-in';
import { getSignInThrottle } from '@/lib/security/sign-in-throttle';
import { formDataToObject, parseInput } from '@/lib/validation/schemas';
import { pluralize } from '@/lib/format/count';

// The session's own two endpoints. They are the only actions that need no session: signing in creates one,
// and signing out always removes the caller's own cookie (and, from a valid session, ends every session).

export type SignInState = { ok: false; message: string; fieldErrors?: Record<string, string[]> } | null;

const FAILURE_DELAY_MS = 400;

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  if (!(await isHostAllowed())) return { ok: false, message: HOST_REFUSED_MESSAGE };
  const access = getAccessSettings();
  if (!access.isAccessControlOn || !access.token) {
    return { ok: false, message: 'Access control is off (ATLAS_ACCESS_TOKEN is not set): there is nothing to sign in to.' };
  }
  if (!(formData instanceof FormData)) return { ok: false, message: 'Send the sign-in form: the access token was missing.' };
  const parsed = parseInput(signInInputSchema, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, message: parsed.message, fieldErrors: parsed.fieldErrors };
  const token = access.token;
  const { decision, isCorrect } = getSignInThrottle().attempt(() => isAccessTokenCorrect(parsed.data.token, token));
  if (!decision.ok) {
    const seconds = Math.ceil(decision.retryInMs / 1000);
    return { ok: false, message: `Too many wrong access tokens: sign-in is closed for ${pluralize(seconds, 'more second')}. Nothing was checked.` };
  }
  if (!isCorrect) {
    // A pause on every failure, on top of the global limit, keeps a single guesser slow.
    await new Promise((resolve) => setTimeout(resolve, FAILURE_DELAY_MS));
    return { ok: false, message: 'That access token is not correct.', fieldErrors: { token: ['That access token is not correct.'] } };
  }
  const cookieStore = await cookies();
  cookieStore.set(SESSION_COOKIE_NAME, createSession(token), getSessionCookieOptions(await isHttpsRequest()));
  redirect(parsed.data.next);
}

/** Signs out: from a valid session, every session ends (on every browser, a stolen cookie included). */
export async function signOutAction(): Promise<void> {
  if (await hasSession()) endAllSessions();
  const cookieStore = await cookies();
  cookieStore.delete({ name: SESSION_COOKIE_NAME, path: '/' });
  redirect('/sign-in');
}
