import 'server-only';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { recordActivity, type ActivityEntry, type ActivityResult } from '@/lib/activity';

// Records one attempted change with who made it and where: target, account and caller come from the process.

export interface AttemptRecord {
  operation: string;
  region: string;
  subject: string;
  parameters: Record<string, unknown>;
  result: ActivityResult;
  message: string;
  requestId?: string;
  /** The account the change was made in, when it is not the caller's own (a member account of an organization). */
  accountId?: string;
}

export async function recordAttempt(attempt: AttemptRecord): Promise<ActivityEntry> {
  const settings = getSettings();
  let accountId = 'unknown';
  let callerArn = 'unknown';
  try {
    const identity = await getCallerIdentity();
    accountId = identity.accountId;
    callerArn = identity.arn;
  } catch {
    // The attempt is still recorded when the caller cannot be identified (e.g. credentials expired).
  }
  return recordActivity({
    ...attempt,
    target: settings.ATLAS_TARGET,
    accountId: attempt.accountId ?? accountId,
    callerArn,
    requestId: attempt.requestId ?? null,
  });
}
