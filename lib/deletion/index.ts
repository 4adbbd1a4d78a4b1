import 'server-only';
import { getAwsClients } from '@/lib/aws/clients';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import { deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus, getServiceLinkedRoleIdentity } from '@/lib/aws/iam-lifecycle';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import type { DeletionRecord } from '@/lib/deletion/machine';
import { createFileDeletionStore, getDeletionFileName, UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { createDeletionTracker, type DeletionGateway, type DeletionTracker } from '@/lib/deletion/tracker';

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

const globalKey = Symbol.for('ssm-role-atlas.deletion-trackers');
type GlobalWithTrackers = typeof globalThis & { [globalKey]?: Map<string, DeletionTracker> };

export async function getDeletionTracker(): Promise<DeletionTracker> {
  const settings = getSettings();
  const identity = await getCallerIdentity();
  const fileName = getDeletionFileName(settings.ATLAS_TARGET, identity.accountId);
  const key = `${settings.ATLAS_DATA_DIR}|${fileName}`;
  const holder = globalThis as GlobalWithTrackers;
  const trackers = (holder[globalKey] ??= new Map());
  let tracker = trackers.get(key);
  if (!tracker) {
    tracker = createDeletionTracker({ gateway, store: createFileDeletionStore(settings.ATLAS_DATA_DIR, fileName) });
    trackers.set(key, tracker);
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
