import 'server-only';
import { getSettings } from '@/lib/config';
import { getProcessValue } from '@/lib/process-state';
import { openAtlasDatabase, type AtlasDatabase } from '@/lib/storage/database';

// The database of this server process, in ATLAS_DATA_DIR, opened and migrated on first use.

export type { AtlasDatabase } from '@/lib/storage/database';

export function getAtlasDatabase(): AtlasDatabase {
  const dataDir = getSettings().ATLAS_DATA_DIR;
  const opened = getProcessValue('atlas-database', () => new Map<string, AtlasDatabase>());
  let db = opened.get(dataDir);
  if (!db) {
    db = openAtlasDatabase(dataDir);
    opened.set(dataDir, db);
  }
  return db;
}
