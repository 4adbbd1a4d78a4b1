import 'server-only';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { callAws } from './errors';

// STS AssumeRole into a member account's access role, and a cache that keeps each account's session until
// shortly before it expires. Concurrent requests for one account share one AssumeRole call.

export interface AssumedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface AssumedRoleSession {
  accountId: string;
  /** The role that was assumed, e.g. arn:aws:iam::111122223333:role/OrganizationAccountAccessRole. */
  roleArn: string;
  /** Who calls with these credentials: arn:aws:sts::111122223333:assumed-role/ROLE/SESSION. */
  assumedRoleArn: string;
  credentials: AssumedRoleCredentials;
}

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
}

/** The access role's ARN in one account: arn:PARTITION:iam::ACCOUNT:role/NAME. */
export function getMemberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The account id an IAM or STS ARN names (its fifth field), or '' when it names none. */
export function getAccountIdFromArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** One AssumeRole call through the given STS client; failures arrive as AwsError (AccessDenied → access-denied). */
export async function assumeRole(sts: STSClient, input: AssumeRoleInput, abortSignal?: AbortSignal): Promise<AssumedRoleSession> {
  const output = await callAws(() =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName,
        DurationSeconds: input.durationSeconds ?? 3600,
        ...(input.externalId ? { ExternalId: input.externalId } : {}),
      }),
      { abortSignal },
    ),
  );
  const credentials = output.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new Error(`AssumeRole on ${input.roleArn} returned no complete credentials`);
  }
  return {
    accountId: getAccountIdFromArn(input.roleArn),
    roleArn: input.roleArn,
    assumedRoleArn: output.AssumedRoleUser?.Arn ?? '',
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    },
  };
}

/** Sessions are renewed this long before they expire, so no call goes out with credentials about to lapse. */
export const SESSION_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * One session per account, reused until SESSION_REFRESH_MARGIN_MS before its expiry. A failed AssumeRole is not
 * kept: the next request tries again (a role created in the meantime takes effect at once).
 */
export class AssumedRoleCache {
  private readonly sessions = new Map<string, Promise<AssumedRoleSession>>();

  constructor(
    private readonly assume: (accountId: string) => Promise<AssumedRoleSession>,
    private readonly now: () => number = Date.now,
  ) {}

  get(accountId: string): Promise<AssumedRoleSession> {
    const existing = this.sessions.get(accountId);
    if (existing) return existing.then((session) => (this.isFresh(session) ? session : this.renew(accountId, existing)));
    return this.start(accountId);
  }

  /** Forgets every session (e.g. after the settings change in a test). */
  clear(): void {
    this.sessions.clear();
  }

  private isFresh(session: AssumedRoleSession): boolean {
    return session.credentials.expiration.getTime() - this.now() > SESSION_REFRESH_MARGIN_MS;
  }

  private renew(accountId: string, stale: Promise<AssumedRoleSession>): Promise<AssumedRoleSession> {
    // Only the first caller to see the stale session starts the renewal; the others join it.
    const current = this.sessions.get(accountId);
    return current && current !== stale ? current : this.start(accountId);
  }

  private start(accountId: string): Promise<AssumedRoleSession> {
    const pending = this.assume(accountId);
    this.sessions.set(accountId, pending);
    pending.catch(() => {
      if (this.sessions.get(accountId) === pending) this.sessions.delete(accountId);
    });
    return pending;
  }
}
