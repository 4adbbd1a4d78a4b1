import 'server-only';
import { getSettings } from '@/lib/config';
import { readTrackedDeletion } from '@/lib/deletion';
import { hasDeletedRole } from '@/lib/deletion/machine';
import { getWatchStore } from '@/lib/watch/index';
import type { StoredChange, WatchRunRecord } from '@/lib/watch/store';

// What the overview shows of the watch: when it last ran, and the changes since the baseline began (the last
// deletion the wizard recorded, or the watch's first run).

export interface WatchOverview {
  lastRun: WatchRunRecord | null;
  /** The start of the period the changes cover; null when the watch never ran. */
  since: string | null;
  sinceLabel: string | null;
  changes: StoredChange[];
  configuredEveryMs: number | null;
}

const SHOWN_CHANGES = 20;

/** The watch of `accountId`: the dashboard's own account, or a member account (`memberAccountId`, the same id). */
export async function getWatchOverview(accountId: string, memberAccountId?: string): Promise<WatchOverview> {
  const settings = getSettings();
  const store = getWatchStore();
  const lastRun = store.getLastRun(settings.ATLAS_TARGET, accountId);
  const configuredEveryMs = settings.ATLAS_WATCH_EVERY ?? null;
  if (!lastRun) return { lastRun: null, since: null, sinceLabel: null, changes: [], configuredEveryMs };
  const deletion = await readTrackedDeletion(memberAccountId).catch(() => ({ record: null }));
  const deletedAt = hasDeletedRole(deletion.record) ? deletion.record?.finishedAt : undefined;
  // A recorded deletion is the watch's baseline (run.ts compares its first run with it), so the panel counts from
  // the deletion whether the watch first ran before or after it.
  const useDeletion = deletedAt !== undefined;
  const since = useDeletion ? deletedAt : lastRun.firstRanAt;
  return {
    lastRun,
    since,
    sinceLabel: useDeletion ? 'the role’s deletion' : 'the watch’s first run',
    changes: store.listChanges({ target: settings.ATLAS_TARGET, accountId, since, limit: SHOWN_CHANGES }),
    configuredEveryMs,
  };
}
