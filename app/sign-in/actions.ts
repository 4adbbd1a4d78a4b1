'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAccessSettings } from '@/lib/security/access';
import { isHttpsRequest } from '@/lib/security/guard';
import { createSessionValue, getSessionCookieOptions, isAccessTokenCorrect, SESSION_COOKIE_NAME } from '@/lib/security/session';
import { signInInputSchema } from '@/lib/security/sign-in';
import { formDataToObject, parseInput } from '@/lib/validation/schemas';

// The session's own two endpoints. They are the only actions that need no session: signing in creates one,
// signing out removes the caller's own cookie.

export type SignInState = { ok: false; message: string; fieldErrors?: Record<string, string[]> } | null;

const FAILURE_DELAY_MS = 400;

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const access = getAccessSettings();
  if (!access.isAccessControlOn || !access.token) {
    return { ok: false, message: 'Access control is off (ATLAS_ACCESS_TOKEN is not set): there is nothing to sign in to.' };
  }
  if (!(formData instanceof FormData)) return { ok: false, message: 'Send the sign-in form: the access token was missing.' };
  const parsed = parseInput(signInInputSchema, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, message: parsed.message, fieldErrors: parsed.fieldErrors };
  if (!isAccessTokenCorrect(parsed.data.token, access.token)) {
    // A pause on every failure keeps guessing slow; a 32-character token makes guessing hopeless anyway.
    await new Promise((resolve) => setTimeout(resolve, FAILURE_DELAY_MS));
    return { ok: false, message: 'That access token is not correct.', fieldErrors: { token: ['That access token is not correct.'] } };
  }
  const cookieStore = await cookies();
  cookieStore.set(SESSION_COOKIE_NAME, createSessionValue(access.token), getSessionCookieOptions(await isHttpsRequest()));
  redirect(parsed.data.next);
}

export async function signOutAction(): Promise<void> {
  const cookieStore = await cookies();
  cookieStore.delete({ name: SESSION_COOKIE_NAME, path: '/' });
  redirect('/sign-in');
}
