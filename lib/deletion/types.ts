import type { DeletionRecord } from '@/lib/deletion/machine';

// Shapes the wizard's server actions answer with (plain data, shared by the actions and the components).

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** The outcome of one clean-up call on one resource. */
export interface ItemOutcome {
  /** The resource's ARN or id, as the wizard lists it. */
  key: string;
  ok: boolean;
  message: string;
  /** A failure worth retrying after a wait (e.g. "Systems Manager is using the role"). */
  isTransient?: boolean;
  requestId?: string;
}

export interface DeletionView {
  record: DeletionRecord | null;
  /** When the browser should poll next; null once the deletion is final. */
  nextPollInMs: number | null;
  isLongRunning: boolean;
}
