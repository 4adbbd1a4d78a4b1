import 'server-only';
import { z } from 'zod';
import { parseWatchInterval } from '@/lib/watch/interval';

// The dashboard's settings: every environment variable it reads is read here, once, and checked with zod.

/** Read-only mode is fail-safe: any value but unset, empty, `0` or `false` turns it on, so a typo never allows changes. */
export function parseReadOnly(value: string | undefined): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  return !(normalized === '' || normalized === '0' || normalized === 'false');
}

/** Host names (optionally with a port) from a comma-separated list, lower-cased, without blanks. */
function parseHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
}

const hostNameSchema = z
  .string()
  .regex(/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)(:\d{1,5})?$/, {
    error: 'ATLAS_ALLOWED_HOSTS must list host names (e.g. atlas.example.com,atlas.example.com:8443), separated by commas',
  });

/** A webhook address: http(s) only. `name` says where it came from (a variable, an option) in the message. */
export function webhookUrlSchema(name: string) {
  return z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` });
}

const settingsSchema = z.object({
  ATLAS_TARGET: z.enum(['sandbox', 'aws']).default('sandbox'),
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'AWS_REGION must be a region code such as us-east-1').optional(),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4566),
  SANDBOX_DATA_DIR: z.string().min(1).default('.data/sandbox'),
  SANDBOX_SCENARIO: z.string().min(1).default('demo'),
  ATLAS_DATA_DIR: z.string().min(1).default('.data/atlas'),
  ATLAS_READ_ONLY: z.string().optional().transform(parseReadOnly),
  /** The shared secret visitors sign in with; access control is on whenever it is set. */
  ATLAS_ACCESS_TOKEN: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined)),
  /** Host names the dashboard answers to besides loopback and localhost (DNS-rebinding protection). */
  ATLAS_ALLOWED_HOSTS: z.string().optional().transform(parseHostList).pipe(z.array(hostNameSchema)),
  /** The address the deployment says it serves on; when it is not loopback, ATLAS_ALLOWED_HOSTS is required. */
  HOST: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined)),
  /** A session unused for this long ends (minutes). */
  ATLAS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  AWS_DEFAULT_REGION: z.string().optional(),
  /** (aws target) Read by the SDK itself; here only to name the target in the header. */
  AWS_PROFILE: z.string().optional().transform((value) => (value ? value : undefined)),
  AWS_ENDPOINT_URL: z.string().optional().transform((value) => (value ? value : undefined)),
  ATLAS_AUDIT_REGION_DEADLINE_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(500).max(600_000).optional()),
  ATLAS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  ATLAS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  /** The dashboard's own watch: its interval in ms (from "15m", "2h"…), or undefined when it does not run. */
  ATLAS_WATCH_EVERY: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const ms = parseWatchInterval(value);
      if (ms === null) context.addIssue({ code: 'custom', message: 'ATLAS_WATCH_EVERY must be a duration from 1m to 24h, such as 15m, 90s or 2h' });
      return ms ?? undefined;
    }),
  /** Where the watch posts each change. Its path is often a secret: it is never shown or logged whole. */
  ATLAS_WEBHOOK_URL: webhookUrlSchema('ATLAS_WEBHOOK_URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATLAS_ORG: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  ATLAS_ORG_ROLE_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, 'ATLAS_ORG_ROLE_NAME must be an IAM role name (1–64 of letters, digits and +=,.@_-)')
    .default('OrganizationAccountAccessRole'),
  ATLAS_ORG_EXTERNAL_ID: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, 'ATLAS_ORG_EXTERNAL_ID must be 2–1224 of letters, digits and +=,.@:/_-')
      .optional(),
  ),
  ATLAS_ACCOUNT_IDS: z
    .string()
    .optional()
    .transform((value, context) => {
      const ids = (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);
      const invalid = ids.filter((id) => !/^\d{12}$/.test(id));
      if (invalid.length > 0) {
        context.addIssue({ code: 'custom', message: `ATLAS_ACCOUNT_IDS must list 12-digit account ids separated by commas (not: ${invalid.slice(0, 3).join(', ')})` });
        return z.NEVER;
      }
      return [...new Set(ids)];
    }),
  ATLAS_ORG_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(64),
  ATLAS_ORG_ACCOUNT_DEADLINE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new SettingsError(`Invalid configuration: ${details}`);
  }
  return result.data;
}

let cached: Settings | undefined;

export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

export const MIN_ACCESS_TOKEN_LENGTH = 32;

export interface AccessSettings {
  /** The shared secret visitors type on the sign-in page; undefined when access control is off. */
  token: string | undefined;
  isAccessControlOn: boolean;
  isReadOnly: boolean;
  /** Host names allowed besides loopback and localhost. */
  allowedHosts: string[];
  sessionIdleMs: number;
}

const accessSchema = settingsSchema.pick({ ATLAS_ACCESS_TOKEN: true, ATLAS_READ_ONLY: true, ATLAS_ALLOWED_HOSTS: true, ATLAS_SESSION_IDLE_MINUTES: true });

/**
 * Who may reach the dashboard and whether it may change anything. Read on every request (not cached), so that
 * the guard always sees the environment as it is; an invalid value fails closed (read-only, no extra hosts).
 */
export function getAccessSettings(env: Record<string, string | undefined> = process.env): AccessSettings {
  const parsed = accessSchema.safeParse(env);
  const token = env.ATLAS_ACCESS_TOKEN ? env.ATLAS_ACCESS_TOKEN : undefined;
  if (!parsed.success) {
    return { token, isAccessControlOn: token !== undefined, isReadOnly: true, allowedHosts: [], sessionIdleMs: 60 * 60_000 };
  }
  return {
    token,
    isAccessControlOn: token !== undefined,
    isReadOnly: parsed.data.ATLAS_READ_ONLY,
    allowedHosts: parsed.data.ATLAS_ALLOWED_HOSTS,
    sessionIdleMs: parsed.data.ATLAS_SESSION_IDLE_MINUTES * 60_000,
  };
}

export interface StartupSettings {
  /** HOST: the address the deployment says it serves on; undefined when unset or empty. */
  host: string | undefined;
  token: string | undefined;
  /** ATLAS_ALLOWED_HOSTS as parsed; empty when unset or invalid. */
  allowedHosts: string[];
  /** Why ATLAS_ALLOWED_HOSTS is invalid, when it is. */
  allowedHostsProblem: string | undefined;
}

const allowedHostsSchema = settingsSchema.shape.ATLAS_ALLOWED_HOSTS;

/**
 * The few settings the start-up refusal needs, each read on its own: an invalid value elsewhere (which the pages
 * report) must never stop the refusal from running, so nothing here throws.
 */
export function getStartupSettings(env: Record<string, string | undefined> = process.env): StartupSettings {
  const allowed = allowedHostsSchema.safeParse(env.ATLAS_ALLOWED_HOSTS);
  return {
    host: env.HOST ? env.HOST : undefined,
    token: env.ATLAS_ACCESS_TOKEN ? env.ATLAS_ACCESS_TOKEN : undefined,
    allowedHosts: allowed.success ? allowed.data : [],
    allowedHostsProblem: allowed.success ? undefined : allowed.error.issues.map((issue) => issue.message).join('; '),
  };
}

/**
 * The target's kind when the settings as a whole do not parse, so the page can still say what it meant to reach:
 * `aws` only when ATLAS_TARGET says exactly that.
 */
export function getTargetKindFallback(env: Record<string, string | undefined> = process.env): 'sandbox' | 'aws' {
  return env.ATLAS_TARGET === 'aws' ? 'aws' : 'sandbox';
}

/** True in `next dev`: the content-security policy then allows what the development tools need. */
export function isDevelopmentServer(): boolean {
  return process.env.NODE_ENV === 'development';
}

/** The sandbox's fixed account and credentials; nothing secret, they only route requests inside the sandbox. */
export const SANDBOX_ACCOUNT_ID = '123456789012';
export const SANDBOX_HOME_REGION = 'us-east-1';
export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIASANDBOXATLAS0001', secretAccessKey: 'sandbox-secret-not-a-real-key' };

/** Organization mode: ATLAS_ORG=1, or an explicit list of accounts in ATLAS_ACCOUNT_IDS. */
export function isOrganizationMode(settings: Settings = getSettings()): boolean {
  return settings.ATLAS_ORG || settings.ATLAS_ACCOUNT_IDS.length > 0;
}

/** The role session name of every AssumeRole the dashboard makes: it names the dashboard in CloudTrail. */
export const ORG_ROLE_SESSION_NAME = 'ssm-role-atlas-dashboard';

export function getSandboxEndpoint(settings: Settings = getSettings()): string {
  return `http://127.0.0.1:${settings.SANDBOX_PORT}`;
}
