import 'server-only';
import { getAwsClients } from '@/lib/aws/clients';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import { deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus, getServiceLinkedRoleIdentity } from '@/lib/aws/iam-lifecycle';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { createFileDeletionStore, getDeletionFileName } from '@/lib/deletion/store';
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
