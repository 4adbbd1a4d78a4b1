import 'server-only';

// Everything this server process keeps between requests, in one place. Next.js may evaluate a module more than
// once (separate bundles for pages and route handlers, and again on every reload in development), so the values
// hang off globalThis under one symbol instead of living in module variables.

export type ProcessValueName =
  | 'atlas-database'
  | 'hosted-sandbox'
  | 'running-audit'
  | 'running-org-audit'
  | 'deletion-trackers'
  | 'role-evidence'
  | 'last-org-audit'
  | 'dashboard-watch'
  | 'session-register'
  | 'sign-in-throttle';

const stateKey = Symbol.for('ssm-role-atlas.process-state');
type GlobalWithState = typeof globalThis & { [stateKey]?: Map<ProcessValueName, unknown> };

function getState(): Map<ProcessValueName, unknown> {
  const holder = globalThis as GlobalWithState;
  holder[stateKey] ??= new Map();
  return holder[stateKey];
}

/** The process's value for `name`, made by `create` on first use. */
export function getProcessValue<T>(name: ProcessValueName, create: () => T): T {
  const state = getState();
  if (!state.has(name)) state.set(name, create());
  return state.get(name) as T;
}

/** The process's value for `name`, if one is set. */
export function peekProcessValue<T>(name: ProcessValueName): T | undefined {
  return getState().get(name) as T | undefined;
}

/** Sets the process's value for `name`, replacing any. */
export function setProcessValue<T>(name: ProcessValueName, value: T): void {
  getState().set(name, value);
}

/** Forgets the value for `name`, only when it is still `expected` (a newer value is kept). */
export function forgetProcessValue(name: ProcessValueName, expected: unknown): void {
  const state = getState();
  if (state.get(name) === expected) state.delete(name);
}
