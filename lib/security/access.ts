// Access-control settings: who may reach the dashboard, and whether it may change anything.
// Access control is on whenever ATLAS_ACCESS_TOKEN is set; read-only mode is ATLAS_READ_ONLY=1 (or true).

export const MIN_ACCESS_TOKEN_LENGTH = 32;

export interface AccessSettings {
  /** The shared secret visitors type on the sign-in page; undefined when access control is off. */
  token: string | undefined;
  isAccessControlOn: boolean;
  isReadOnly: boolean;
}

type Env = Record<string, string | undefined>;

/** `1`/`true` turn read-only mode on. Fail-safe: any value other than unset, empty, `0` or `false` counts as on. */
export function parseReadOnly(value: string | undefined): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  return !(normalized === '' || normalized === '0' || normalized === 'false');
}

export function getAccessSettings(env: Env = process.env): AccessSettings {
  const token = env.ATLAS_ACCESS_TOKEN ? env.ATLAS_ACCESS_TOKEN : undefined;
  return { token, isAccessControlOn: token !== undefined, isReadOnly: parseReadOnly(env.ATLAS_READ_ONLY) };
}
