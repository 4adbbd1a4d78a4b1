import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SANDBOX_ACCOUNT_ID } from './config';
import { getAccountPartition } from './partition';
import type { Partition, SandboxState } from './types';

// Who is calling, from the request's credentials. Long-term keys (any key id but `ASIA…`) belong to the sandbox
// administrator user of the management account. AssumeRole hands out session credentials whose session token
// carries the session itself (account, role, name, expiry), so they stay valid across restarts without any
// stored session table; the access key id is derived from the token, and the two must match.

export const SANDBOX_CALLER_USER_NAME = 'sandbox-admin';
export const SANDBOX_CALLER_USER_ID = 'AIDASANDBOXADMINUSER1';

/** The account that long-term keys act in: the organization's management account in the org scenarios. */
export const MANAGEMENT_ACCOUNT_ID = SANDBOX_ACCOUNT_ID;

export type CallerIdentity =
  | { kind: 'user'; accountId: string; arn: string; userId: string; userName: string }
  | {
      kind: 'assumed-role';
      accountId: string;
      /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
      arn: string;
      /** `AROA…:SESSION`. */
      userId: string;
      /** The IAM role's own ARN (with its path). */
      roleArn: string;
      roleName: string;
      sessionName: string;
      expirationMs: number;
    };

const SESSION_TOKEN_PREFIX = 'SbxSession1.';
const SESSION_KEY_PREFIX = 'ASIA';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const sessionClaimsSchema = z
  .object({
    accountId: z.string().regex(/^\d{12}$/),
    roleArn: z.string().min(20).max(2048),
    roleId: z.string().min(1).max(128),
    roleName: z.string().min(1).max(64),
    sessionName: z.string().min(2).max(64),
    expirationMs: z.number().int().nonnegative(),
  })
  .strict();

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export interface SessionCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** ISO 8601. */
  Expiration: string;
}

function digestOf(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function deriveSessionKeyId(sessionToken: string): string {
  const digest = digestOf(`access-key|${sessionToken}`);
  let suffix = '';
  for (let index = 0; index < 16; index += 1) suffix += KEY_ALPHABET[(digest[index] ?? 0) % KEY_ALPHABET.length];
  return `${SESSION_KEY_PREFIX}${suffix}`;
}

/** Session credentials for an assumed role, valid until `claims.expirationMs`. */
export function issueSessionCredentials(claims: SessionClaims): SessionCredentials {
  const sessionToken = SESSION_TOKEN_PREFIX + Buffer.from(JSON.stringify(sessionClaimsSchema.parse(claims))).toString('base64url');
  return {
    AccessKeyId: deriveSessionKeyId(sessionToken),
    SecretAccessKey: digestOf(`secret|${sessionToken}`).toString('base64').slice(0, 40),
    SessionToken: sessionToken,
    Expiration: new Date(claims.expirationMs).toISOString(),
  };
}

export function isSessionKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith(SESSION_KEY_PREFIX);
}

function decodeSessionToken(sessionToken: string): SessionClaims | null {
  if (!sessionToken.startsWith(SESSION_TOKEN_PREFIX)) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(sessionToken.slice(SESSION_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    const parsed = sessionClaimsSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createAssumedRoleArn(accountId: string, roleName: string, sessionName: string, partition: Partition = 'aws'): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** The administrator user that long-term keys act as. */
export function createManagementCaller(partition: Partition = 'aws'): CallerIdentity {
  return {
    kind: 'user',
    accountId: MANAGEMENT_ACCOUNT_ID,
    arn: `arn:${partition}:iam::${MANAGEMENT_ACCOUNT_ID}:user/${SANDBOX_CALLER_USER_NAME}`,
    userId: SANDBOX_CALLER_USER_ID,
    userName: SANDBOX_CALLER_USER_NAME,
  };
}

export type CallerResolution = { ok: true; caller: CallerIdentity } | { ok: false; problem: 'invalid' | 'expired' };

/**
 * The caller a request's key id and session token stand for. A session key needs its own session token, for an
 * account the sandbox still holds, and is refused once expired; any other key acts in the management account.
 */
export function resolveCaller(state: SandboxState, accessKeyId: string, sessionToken: string | undefined, nowMs: number): CallerResolution {
  if (!isSessionKeyId(accessKeyId)) return { ok: true, caller: createManagementCaller(getAccountPartition(state, MANAGEMENT_ACCOUNT_ID)) };
  const claims = sessionToken ? decodeSessionToken(sessionToken) : null;
  if (!claims || !sessionToken || deriveSessionKeyId(sessionToken) !== accessKeyId) return { ok: false, problem: 'invalid' };
  if (!state.accounts[claims.accountId]) return { ok: false, problem: 'invalid' };
  if (nowMs >= claims.expirationMs) return { ok: false, problem: 'expired' };
  return {
    ok: true,
    caller: {
      kind: 'assumed-role',
      accountId: claims.accountId,
      arn: createAssumedRoleArn(claims.accountId, claims.roleName, claims.sessionName, getAccountPartition(state, claims.accountId)),
      userId: `${claims.roleId}:${claims.sessionName}`,
      roleArn: claims.roleArn,
      roleName: claims.roleName,
      sessionName: claims.sessionName,
      expirationMs: claims.expirationMs,
    },
  };
}
