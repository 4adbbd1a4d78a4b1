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

// The deletion tracker of this server process, for the configured target and the caller's account.

const gateway: DeletionGateway = {
  deleteServiceLinkedRole: () => deleteServiceLinkedRole(getAwsClients().iam()),
  getDeletionStatus: (deletionTaskId) => getServiceLinkedRoleDeletionStatus(getAwsClients().iam(), deletionTaskId),
  getRole: () => getServiceLinkedRoleIdentity(getAwsClients().iam()),
  isNotFound: (error) => error instanceof AwsError && error.kind === 'not-found',
  describeError: (error) => {
    const info = toAwsError(error);
    return `${info.code}: ${info.message}`;
  },
};

/** The tracker of an account (default: the caller's) on the configured target, one per process and account. */
export async function getDeletionTracker(accountId?: string): Promise<DeletionTracker> {
  const settings = getSettings();
  const key = { target: settings.ATLAS_TARGET, accountId: accountId ?? (await getCallerIdentity()).accountId };
  const trackers = getProcessValue('deletion-trackers', () => new Map<string, DeletionTracker>());
  const name = `${settings.ATLAS_DATA_DIR}|${key.target}|${key.accountId}`;
  let tracker = trackers.get(name);
  if (!tracker) {
    tracker = createDeletionTracker({ gateway, store: createDeletionStore(getAtlasDatabase(), key) });
    trackers.set(name, tracker);
  }
  return tracker;
}

export interface TrackedDeletion {
  record: DeletionRecord | null;
  /** Set when a record is stored but cannot be read; the wizard then offers to discard it. */
  unreadable: string | null;
}

/** The deletion being tracked for the caller's account, or why the stored one cannot be read. */
export async function readTrackedDeletion(): Promise<TrackedDeletion> {
  const tracker = await getDeletionTracker();
  try {
    return { record: await tracker.getCurrent(), unreadable: null };
  } catch (error) {
    if (error instanceof UnreadableDeletionRecordError) return { record: null, unreadable: error.message };
    throw error;
  }
}
