import 'server-only';
import { forgetProcessValue, getProcessValue, peekProcessValue, type ProcessValueName } from '@/lib/process-state';

// One long task at a time per kind (the audit, the organization audit): a second request while it runs joins it,
// receiving the events so far and then following along, instead of starting another.

type Listener<Event> = (event: Event) => void;

interface Run<Event, Result> {
  id: string;
  events: Event[];
  listeners: Set<Listener<Event>>;
  result: Promise<Result>;
}

/** The process values that hold a running task. */
export type RunName = Extract<ProcessValueName, `running-${string}`>;

export interface RunDefinition<Event, Result> {
  id: string;
  /** The task; `emit` sends an event to every listener and keeps it for those who join later. */
  work: (emit: Listener<Event>) => Promise<Result>;
  /** The last event of a task that failed. */
  toFailureEvent: (error: unknown) => Event;
}

function deliver<Event>(listener: Listener<Event>, event: Event): void {
  try {
    listener(event);
  } catch (error) {
    // A listener that fails (a closed stream) must not stop the task or the other listeners.
    console.warn('[atlas] a progress listener failed:', error);
  }
}

function emit<Event>(run: Run<Event, unknown>, event: Event): void {
  run.events.push(event);
  for (const listener of run.listeners) deliver(listener, event);
}

function start<Event, Result>(definition: RunDefinition<Event, Result>, onSettled?: (run: Run<Event, Result>) => void): Run<Event, Result> {
  const run: Run<Event, Result> = { id: definition.id, events: [], listeners: new Set(), result: Promise.resolve(null as never) };
  run.result = definition.work((event) => emit(run, event));
  run.result.catch((error: unknown) => emit(run, definition.toFailureEvent(error))).finally(() => onSettled?.(run));
  return run;
}

/** Replays the run's events so far to `onEvent`, follows it to its end and resolves with its result. */
async function follow<Event, Result>(run: Run<Event, Result>, onEvent: Listener<Event> | undefined): Promise<Result> {
  if (onEvent) {
    for (const event of [...run.events]) deliver(onEvent, event);
    run.listeners.add(onEvent);
  }
  try {
    return await run.result;
  } finally {
    if (onEvent) run.listeners.delete(onEvent);
  }
}

/** Starts the task under `name` (or joins the one running) and resolves with its result. */
export function joinRun<Event, Result>(name: RunName, define: () => RunDefinition<Event, Result>, onEvent?: Listener<Event>): Promise<Result> {
  const run = getProcessValue(name, () => start(define(), (settled) => forgetProcessValue(name, settled)));
  return follow(run, onEvent);
}

/** Runs a task of its own, which no other request joins. */
export function runAlone<Event, Result>(definition: RunDefinition<Event, Result>, onEvent?: Listener<Event>): Promise<Result> {
  return follow(start(definition), onEvent);
}

/** The task running under `name`, if any: its id and the events so far. */
export function getRunningTask<Event>(name: RunName): { id: string; events: Event[] } | null {
  const run = peekProcessValue<Run<Event, unknown>>(name);
  return run ? { id: run.id, events: [...run.events] } : null;
}
