import 'server-only';
import { getSettings } from '@/lib/config';
import { openActivityStore, type ActivityEntry, type ActivityFilter, type ActivityStore, type NewActivityEntry } from '@/lib/activity/store';

// The process-wide activity log under ATLAS_DATA_DIR.

export type { ActivityEntry, ActivityFilter, ActivityResult, NewActivityEntry } from '@/lib/activity/store';

const globalKey = Symbol.for('ssm-role-atlas.activity');
type GlobalWithActivity = typeof globalThis & { [globalKey]?: ActivityStore };

function getStore(): ActivityStore {
  const holder = globalThis as GlobalWithActivity;
  holder[globalKey] ??= openActivityStore(getSettings().ATLAS_DATA_DIR);
  return holder[globalKey];
}

export function recordActivity(entry: NewActivityEntry): ActivityEntry {
  return getStore().record(entry);
}

export function listActivity(filter?: ActivityFilter): ActivityEntry[] {
  return getStore().list(filter);
}

export function listActivityOperations(): string[] {
  return getStore().listOperations();
}
