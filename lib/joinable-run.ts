import 'server-only';

// One long task at a time per kind (the audit, the organization audit): a second request while it runs joins it,
// receiving the events so far and then following along, instead of starting another.

type Listener<Event> = (event: Event) => void;

interface Run<Event, Result> {
  id: string;
  events: Event[];
  listeners: Set<Listener<Event>>;
  result: Promise<Result>;
}

type GlobalWithRuns = typeof globalThis & Record<symbol, Run<unknown, unknown> | undefined>;

export interface RunDefinition<Event, Result> {
  id: string;
  /** The task; `emit` sends an event to every listener and keeps it for those who join later. */
  work: (emit: Listener<Event>) => Promise<Result>;
  /** The last event of a task that failed. */
  toFailureEvent: (error: unknown) => Event;
}

function emit<Event>(run: Run<Event, unknown>, event: Event): void {
  run.events.push(event);
  for (const listener of run.listeners) {
    try {
      listener(event);
    } catch (error) {
      // A listener that fails (a closed stream) must not stop the task or the other listeners.
      console.warn('[atlas] a progress listener failed:', error);
    }
  }
}

function start<Event, Result>(key: symbol, definition: RunDefinition<Event, Result>): Run<Event, Result> {
  const run: Run<Event, Result> = { id: definition.id, events: [], listeners: new Set(), result: Promise.resolve(null as never) };
  run.result = definition.work((event) => emit(run, event));
  run.result
    .catch((error: unknown) => emit(run, definition.toFailureEvent(error)))
    .finally(() => {
      const holder = globalThis as GlobalWithRuns;
      if (holder[key] === run) delete holder[key];
    });
  return run;
}

/** Starts the task under `key` (or joins the one running) and resolves with its result. */
export async function joinRun<Event, Result>(
  key: symbol,
  define: () => RunDefinition<Event, Result>,
  onEvent?: Listener<Event>,
): Promise<Result> {
  const holder = globalThis as GlobalWithRuns;
  const run = (holder[key] ??= start(key, define()) as Run<unknown, unknown>) as Run<Event, Result>;
  if (onEvent) {
    for (const event of [...run.events]) onEvent(event);
    run.listeners.add(onEvent);
  }
  try {
    return await run.result;
  } finally {
    if (onEvent) run.listeners.delete(onEvent);
  }
}

/** The task running under `key`, if any: its id and the events so far. */
export function getRunningTask<Event>(key: symbol): { id: string; events: Event[] } | null {
  const run = (globalThis as GlobalWithRuns)[key] as Run<Event, unknown> | undefined;
  return run ? { id: run.id, events: [...run.events] } : null;
}
