import 'server-only';
import { getAtlasDatabase } from '@/lib/storage';
import { createWatchStore, type WatchStore } from '@/lib/watch/store';

// The process-wide watch store, in the dashboard's database under ATLAS_DATA_DIR.

export function getWatchStore(): WatchStore {
  return createWatchStore(getAtlasDatabase());
}
