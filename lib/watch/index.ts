import 'server-only';
import { getSettings } from '@/lib/config';
import { openWatchStore, type WatchStore } from '@/lib/watch/store';

// The process-wide watch store under ATLAS_DATA_DIR.

const globalKey = Symbol.for('ssm-role-atlas.watch-store');
type GlobalWithWatch = typeof globalThis & { [globalKey]?: { dataDir: string; store: WatchStore } };

export function getWatchStore(): WatchStore {
  const holder = globalThis as GlobalWithWatch;
  const dataDir = getSettings().ATLAS_DATA_DIR;
  if (holder[globalKey]?.dataDir !== dataDir) holder[globalKey] = { dataDir, store: openWatchStore(dataDir) };
  return holder[globalKey].store;
}
