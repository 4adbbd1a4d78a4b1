import 'server-only';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { getAwsClients } from './clients';
import { callAws } from './errors';

// Who the dashboard is calling AWS as (STS GetCallerIdentity), asked once per process.

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  partition: string;
}

let cached: Promise<CallerIdentity> | undefined;

/** The partition named by an ARN (`arn:aws-cn:…` → `aws-cn`), or `aws` when it cannot be read. */
export function getPartitionFromArn(arn: string): string {
  const match = /^arn:([a-z-]+):/.exec(arn);
  return match?.[1] ?? 'aws';
}

async function readCallerIdentity(): Promise<CallerIdentity> {
  const output = await callAws(() => getAwsClients().sts().send(new GetCallerIdentityCommand({})));
  const arn = output.Arn ?? '';
  return { accountId: output.Account ?? '', arn, userId: output.UserId ?? '', partition: getPartitionFromArn(arn) };
}

/** Cached per process once it succeeds; a failure is not cached, so fixed credentials take effect on reload. */
export function getCallerIdentity(): Promise<CallerIdentity> {
  if (!cached) {
    const pending = readCallerIdentity();
    cached = pending;
    pending.catch(() => {
      if (cached === pending) cached = undefined;
    });
  }
  return cached;
}
