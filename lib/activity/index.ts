import 'server-only';
import { createActivityStore, type ActivityEntry, type ActivityFilter, type ActivityStore, type NewActivityEntry } from '@/lib/activity/store';
import { getAtlasDatabase } from '@/lib/storage';

// The process-wide activity log, in the dashboard's database under ATLAS_DATA_DIR.

export type { ActivityEntry, ActivityFilter, ActivityResult, NewActivityEntry } from '@/lib/activity/store';

function getStore(): ActivityStore {
  return createActivityStore(getAtlasDatabase());
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
