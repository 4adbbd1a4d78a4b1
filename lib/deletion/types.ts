import type { DeletionRecord } from '@/lib/deletion/machine';

// The shape the deletion's server actions answer with (plain data, shared by the actions and the components).

export interface DeletionView {
  record: DeletionRecord | null;
  /** When the browser should poll next; null once the deletion is final. */
  nextPollInMs: number | null;
  isLongRunning: boolean;
}
