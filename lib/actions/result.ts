// The one shape every server action answers with (plain data, shared by the actions and the components).

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** The outcome of one change to one resource in a batch (a task moved, a group deleted). */
export interface ItemOutcome {
  /** The resource's ARN or id, as the page lists it. */
  key: string;
  ok: boolean;
  message: string;
  /** A failure worth retrying after a wait (e.g. "Systems Manager is using the role"). */
  isTransient?: boolean;
  requestId?: string;
}
