import 'server-only';
import { formatAge } from '@/components/ui/date-time';
import { getAuditSnapshot, type AuditSnapshot } from '@/lib/audit/store';
import { getAwsClients } from '@/lib/aws/clients';
import { readServiceLinkedRole } from '@/lib/aws/iam';
import type { RoleDetails } from '@/lib/aws/types';
import type { AwsErrorInfo } from '@/lib/aws/errors';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { EXIT_CODES } from '@/cli/exit-codes';
import { describeFailure, writeOut } from '@/cli/session';

// `status`: one line per account: the role (present, last used), and the last audit's verdict and age.

export interface AccountStatus {
  accountId: string;
  target: string;
  role: { ok: true; role: RoleDetails | null } | { ok: false; error: AwsErrorInfo };
  snapshot: AuditSnapshot | null;
}

function describeRole(status: AccountStatus['role']): string {
  if (!status.ok) return `role unreadable (${status.error.code})`;
  const { role } = status;
  if (!role) return 'role absent';
  const lastUsed = role.lastUsed ? `last used ${role.lastUsed.date} in ${role.lastUsed.region || 'an unknown region'}` : 'never used';
  return `role present (created ${role.createDate}), ${lastUsed}`;
}

function describeAudit(snapshot: AuditSnapshot | null, accountId: string, nowMs: number): string {
  if (!snapshot || snapshot.audit.target.accountId !== accountId) return 'no audit yet';
  const { audit } = snapshot;
  const age = formatAge(audit.finishedAt, nowMs);
  return `last audit ${audit.verdict.kind}, ${age}${snapshot.staleSince ? ` (stale: ${snapshot.staleReason ?? 'the account changed since'})` : ''}`;
}

export function formatStatusLine(status: AccountStatus, nowMs: number): string {
  return [status.accountId, status.target, describeRole(status.role), describeAudit(status.snapshot, status.accountId, nowMs)].join('  ');
}

export async function runStatusCommand(): Promise<number> {
  let accountId: string;
  try {
    accountId = (await getCallerIdentity()).accountId;
  } catch (error) {
    console.error(`The target could not be read: ${describeFailure(error)}`);
    return EXIT_CODES.error;
  }
  const [role, snapshot] = await Promise.all([readServiceLinkedRole(getAwsClients().iam()), getAuditSnapshot()]);
  const status: AccountStatus = { accountId, target: getSettings().ATLAS_TARGET, role, snapshot };
  await writeOut(`${formatStatusLine(status, Date.now())}\n`);
  return role.ok ? EXIT_CODES.ok : EXIT_CODES.error;
}
