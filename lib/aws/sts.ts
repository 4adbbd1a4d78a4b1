import 'server-only';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { getAwsClients } from './clients';
import { callAws } from './errors';
import type { CallerIdentity } from './types';

// Who the dashboard is calling AWS as (STS GetCallerIdentity), asked once per process.

/** Identity checks are re-run after this long, so expired SSO sessions and rotated keys show up in the header. */
export const IDENTITY_CACHE_MS = 5 * 60 * 1000;

let cached: { identity: Promise<CallerIdentity>; readAtMs: number } | undefined;

/** The partition named by an ARN (`arn:aws-cn:…` → `aws-cn`), or `aws` when it cannot be read. */
export function getPartitionFromArn(arn: string): string {
  const match = /^arn:([a-z-]+):/.exec(arn);
  return match?.[1] ?? 'aws';
}

export async function readCallerIdentity(client: STSClient): Promise<CallerIdentity> {
  const output = await callAws(() => client.send(new GetCallerIdentityCommand({})));
  const arn = output.Arn ?? '';
  return { accountId: output.Account ?? '', arn, userId: output.UserId ?? '', partition: getPartitionFromArn(arn) };
}

/**
 * The caller of the process-wide clients. Cached for IDENTITY_CACHE_MS once it succeeds; a failure is not
 * cached, so fixed credentials take effect on the next reload.
 */
export function getCallerIdentity(nowMs = Date.now()): Promise<CallerIdentity> {
  if (!cached || nowMs - cached.readAtMs > IDENTITY_CACHE_MS) {
    const entry = { identity: readCallerIdentity(getAwsClients().sts()), readAtMs: nowMs };
    cached = entry;
    entry.identity.catch(() => {
      if (cached === entry) cached = undefined;
    });
  }
  return cached.identity;
}
