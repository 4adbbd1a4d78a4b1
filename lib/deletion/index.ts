import 'server-only';
import { getAwsClients } from '@/lib/aws/clients';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import { deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus, getServiceLinkedRoleIdentity } from '@/lib/aws/iam-lifecycle';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import type { DeletionRecord } from '@/lib/deletion/machine';
import { createDeletionStore, UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { createDeletionTracker, type DeletionGateway, type DeletionTracker } from '@/lib/deletion/tracker';
import { getProcessValue } from '@/lib/process-state';
import { getAtlasDatabase } from '@/lib/storage';

// The deletion trackers of this server process, one per target and account: the caller's own, or a member
// account of the organization whose IAM calls go through its assumed access role.

function createGateway(memberAccountId: string | undefined): DeletionGateway {
  // Clients are looked up on each call: a member account's are renewed with its session.
  const iam = () => getAwsClients(memberAccountId).iam();
  return {
    deleteServiceLinkedRole: () => deleteServiceLinkedRole(iam()),
    getDeletionStatus: (deletionTaskId) => getServiceLinkedRoleDeletionStatus(iam(), deletionTaskId),
    getRole: () => getServiceLinkedRoleIdentity(iam()),
    isNotFound: (error) => error instanceof AwsError && error.kind === 'not-found',
    describeError: (error) => {
      const info = toAwsError(error);
      return `${info.code}: ${info.message}`;
    },
  };
}

/**
 * The tracker of an account on the configured target, one per process and account: the caller's own without an
 * id, otherwise the member account's (checked beforehand with resolveWizardAccount), whose calls use its role.
 */
export async function getDeletionTracker(memberAccountId?: string): Promise<DeletionTracker> {
  const settings = getSettings();
  const key = { target: settings.ATLAS_TARGET, accountId: memberAccountId ?? (await getCallerIdentity()).accountId };
  const trackers = getProcessValue('deletion-trackers', () => new Map<string, DeletionTracker>());
  const name = `${settings.ATLAS_DATA_DIR}|${key.target}|${key.accountId}|${memberAccountId ? 'member' : 'own'}`;
  let tracker = trackers.get(name);
  if (!tracker) {
    tracker = createDeletionTracker({ gateway: createGateway(memberAccountId), store: createDeletionStore(getAtlasDatabase(), key) });
    trackers.set(name, tracker);
  }
  return tracker;
}

export interface TrackedDeletion {
  record: DeletionRecord | null;
  /** Set when a record is stored but cannot be read; the wizard then offers to discard it. */
  unreadable: string | null;
}

/** The deletion being tracked for the caller's account (or a member account), or why the stored one cannot be read. */
export async function readTrackedDeletion(memberAccountId?: string): Promise<TrackedDeletion> {
  const tracker = await getDeletionTracker(memberAccountId);
  try {
    return { record: await tracker.getCurrent(), unreadable: null };
  } catch (error) {
    if (error instanceof UnreadableDeletionRecordError) return { record: null, unreadable: error.message };
    throw error;
  }
}
