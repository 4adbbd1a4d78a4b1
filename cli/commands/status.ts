import 'server-only';
import { formatAge } from '@/components/ui/date-time';
import { getAuditSnapshot, type AuditSnapshot } from '@/lib/audit/store';
import { getAwsClients } from '@/lib/aws/clients';
import { readServiceLinkedRole } from '@/lib/aws/iam';
import type { RoleDetails } from '@/lib/aws/types';
import type { AwsErrorInfo } from '@/lib/aws/errors';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings, isOrganizationMode } from '@/lib/config';
import { getLastOrgAudit } from '@/lib/org/store';
import { ACCOUNT_VERDICT_LABELS, toAccountRow } from '@/lib/org/summary';
import type { OrgAuditResult } from '@/lib/org/types';
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

/** Organization mode: one line per account of the last organization audit, as it saw each account. */
export function formatOrgStatusLines(audit: OrgAuditResult, nowMs: number): string[] {
  const age = formatAge(audit.finishedAt, nowMs);
  return audit.accounts.map(toAccountRow).map((row) => {
    const role = row.rolePresent === null ? 'role unknown' : row.rolePresent ? 'role present' : 'role absent';
    const lastUsed = row.lastUsedDate ? `last used ${row.lastUsedDate} in ${row.lastUsedRegion || 'an unknown region'}` : 'never used';
    return [row.id, row.name, `${role}, ${row.rolePresent ? lastUsed : ''}`.replace(/, $/, ''), `last audit ${ACCOUNT_VERDICT_LABELS[row.verdict].toLowerCase()}, ${age}`].join('  ');
  });
}

export async function runStatusCommand(): Promise<number> {
  if (isOrganizationMode()) {
    const audit = await getLastOrgAudit();
    if (!audit) {
      console.error('No organization audit yet: run `ssm-role-atlas audit` first.');
      return EXIT_CODES.error;
    }
    await writeOut(`${formatOrgStatusLines(audit, Date.now()).join('\n')}\n`);
    return EXIT_CODES.ok;
  }
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
