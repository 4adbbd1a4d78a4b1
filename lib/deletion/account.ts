import 'server-only';
import { getAuditSnapshot, type AuditSnapshot } from '@/lib/audit/store';
import { getAwsClients, getMemberSession, type AwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getCallerIdentity, getPartitionFromArn } from '@/lib/aws/sts';
import { getAccountScope } from '@/lib/org/account-scope';
import { getMemberAuditSnapshot } from '@/lib/org/store';

// The account the delete wizard acts in: the caller's own, or a member account of the last organization audit
// reached through its access role. Every wizard page and action resolves it here from the `account` it was given,
// on the server, and acts only through the clients and ids it returns.

export interface WizardAccountIdentity {
  /** The account changes are made in. */
  accountId: string;
  partition: string;
  /** Who acts there: the caller's own ARN, or the session ARN of the member account's assumed access role. */
  actingArn: string;
}

export interface WizardAccount {
  /** Set only for a member account: the id that travels in links and action inputs as `account`. */
  memberAccountId?: string;
  /** The member account's name in the organization. */
  accountName?: string;
  clients: AwsClients;
  /** The account's id and partition and who acts there (for the caller's own account, read when first needed). */
  identify(): Promise<WizardAccountIdentity>;
}

export type WizardAccountResolution = { ok: true; account: WizardAccount } | { ok: false; message: string };

const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * The wizard's account for a requested id (none: the caller's own). Refused, with a message that says nothing
 * was changed, for a malformed id, an id outside the last organization audit, organization mode off, a suspended
 * account, or an access role that cannot be assumed.
 */
export async function resolveWizardAccount(requestedId: string | string[] | undefined): Promise<WizardAccountResolution> {
  const scope = await getAccountScope(requestedId);
  if (scope.kind === 'refused') return { ok: false, message: `${scope.message} ${NOTHING_CHANGED}` };
  if (scope.kind === 'own') {
    const identify = async () => {
      const identity = await getCallerIdentity();
      return { accountId: identity.accountId, partition: identity.partition, actingArn: identity.arn };
    };
    return { ok: true, account: { clients: getAwsClients(), identify } };
  }
  const { account, outcome } = scope.account;
  const label = `${account.name} (${account.id})`;
  if (outcome.kind === 'skipped') return { ok: false, message: `Account ${label} is not active (${outcome.reason}). ${NOTHING_CHANGED}` };
  let assumedRoleArn: string;
  try {
    assumedRoleArn = (await getMemberSession(account.id)).assumedRoleArn;
  } catch (error) {
    const failure = toAwsError(error);
    return { ok: false, message: `The access role of account ${label} could not be assumed (${failure.code}: ${failure.message}). ${NOTHING_CHANGED}` };
  }
  const identity = { accountId: account.id, partition: getPartitionFromArn(assumedRoleArn), actingArn: assumedRoleArn };
  return {
    ok: true,
    account: { memberAccountId: account.id, accountName: account.name, clients: getAwsClients(account.id), identify: async () => identity },
  };
}

/** The last audit of the wizard's account: the caller's own audit, or the member's part of the organization audit. */
export function getWizardAuditSnapshot(account: WizardAccount): Promise<AuditSnapshot | null> {
  return account.memberAccountId ? getMemberAuditSnapshot(account.memberAccountId) : getAuditSnapshot();
}

/** The part of an action's activity subject that names the account asked for (absent: the caller's own). */
export function getAccountSubject(input: { accountId?: string | undefined } | null): { accountId?: string } {
  return input?.accountId ? { accountId: input.accountId } : {};
}
