import 'server-only';
import { getAwsClients } from '@/lib/aws/clients';
import { AwsError } from '@/lib/aws/errors';
import { readCallerIdentity } from '@/lib/aws/sts';
import type { AccountAudit } from '@/lib/org/types';

// Who the dashboard is in a member account: the assumed-role ARN that STS GetCallerIdentity answers through the
// account's own clients, or, when the role cannot be assumed now, the ARN the last organization audit read it as.

export interface MemberIdentity {
  accountId: string;
  accountName: string;
  /** The assumed-role session's ARN, e.g. arn:aws:sts::210987654321:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard. */
  assumedRoleArn: string | null;
  /** Where the ARN comes from: asked of STS now, or the last organization audit's record. */
  source: 'sts' | 'organization-audit' | 'none';
}

export async function getMemberIdentity(member: AccountAudit): Promise<MemberIdentity> {
  const base = { accountId: member.account.id, accountName: member.account.name };
  try {
    const identity = await readCallerIdentity(getAwsClients(member.account.id).sts());
    // Only an answer for that very account counts: anything else would name the wrong account.
    if (identity.accountId === member.account.id && identity.arn) return { ...base, assumedRoleArn: identity.arn, source: 'sts' };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
  }
  return member.callerArn ? { ...base, assumedRoleArn: member.callerArn, source: 'organization-audit' } : { ...base, assumedRoleArn: null, source: 'none' };
}
