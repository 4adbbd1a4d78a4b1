import { z } from 'zod';
import type { AccessAdvisorSettings, DeletionTimings } from './types';

// The sandbox's own settings: listening port, state directory, first scenario, faults and deletion timings.

export const DEFAULT_DELETION_TIMINGS: DeletionTimings = {
  startDelayMs: 1_000,
  decideDelayMs: 3_000,
  purgeAfterMs: 10 * 60_000,
};

export const DEFAULT_ACCESS_ADVISOR_SETTINGS: AccessAdvisorSettings = { jobDurationMs: 1_500, failJobs: false };

export const accessAdvisorSettingsSchema = z
  .object({
    jobDurationMs: z.number().int().min(0).max(10 * 60_000).optional(),
    failJobs: z.boolean().optional(),
  })
  .strict();

/** The sandbox's one account (lib/config.ts names the same id; that module is server-only, so it is repeated here). */
export const SANDBOX_ACCOUNT_ID = '123456789012';

export const DEFAULT_SANDBOX_PORT = 4566;
export const DEFAULT_SANDBOX_DATA_DIR = '.data/sandbox';
export const DEFAULT_SANDBOX_SCENARIO = 'demo';
/** How many AWS calls the in-memory call log keeps. */
export const CALL_LOG_CAPACITY = 10_000;

const delaySchema = z.coerce.number().int().min(0).max(24 * 60 * 60_000);

export const deletionTimingsSchema = z
  .object({
    startDelayMs: delaySchema.optional(),
    decideDelayMs: delaySchema.optional(),
    purgeAfterMs: delaySchema.optional(),
  })
  .strict();

/** Merges partial timings over a base and checks that the task starts before it is decided. */
export function mergeDeletionTimings(base: DeletionTimings, update: Partial<DeletionTimings>): DeletionTimings {
  const merged: DeletionTimings = { ...base };
  if (update.startDelayMs !== undefined) merged.startDelayMs = update.startDelayMs;
  if (update.decideDelayMs !== undefined) merged.decideDelayMs = update.decideDelayMs;
  if (update.purgeAfterMs !== undefined) merged.purgeAfterMs = update.purgeAfterMs;
  if (merged.startDelayMs > merged.decideDelayMs) {
    throw new Error(
      `startDelayMs (${merged.startDelayMs}) must not exceed decideDelayMs (${merged.decideDelayMs}): a deletion task starts before it is decided`,
    );
  }
  return merged;
}

const envSchema = z.object({
  // The sandbox has no access control of its own (anyone who reaches it may reset it), so it stays on loopback.
  SANDBOX_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .refine((host) => /^(127(\.\d{1,3}){3}|::1|localhost)$/.test(host), {
      error: 'the sandbox listens on loopback only (127.0.0.1, ::1 or localhost): it has no access control',
    }),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT),
  SANDBOX_DATA_DIR: z.string().min(1).default(DEFAULT_SANDBOX_DATA_DIR),
  SANDBOX_SCENARIO: z.string().min(1).default(DEFAULT_SANDBOX_SCENARIO),
  SANDBOX_FAULTS: z.string().optional(),
  SANDBOX_DELETION_START_DELAY_MS: delaySchema.optional(),
  SANDBOX_DELETION_DECIDE_DELAY_MS: delaySchema.optional(),
  SANDBOX_DELETION_PURGE_AFTER_MS: delaySchema.optional(),
});

export interface SandboxEnvSettings {
  host: string;
  port: number;
  dataDir: string;
  scenario: string;
  /** Raw JSON of SANDBOX_FAULTS (validated by sandbox/faults.ts). */
  faultsJson?: string;
  timings: Partial<DeletionTimings>;
}

/** Reads the sandbox's environment variables; throws an Error naming every bad variable. */
export function readSandboxEnv(env: Record<string, string | undefined>): SandboxEnvSettings {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid sandbox configuration: ${details}`);
  }
  const values = result.data;
  const timings: Partial<DeletionTimings> = {};
  if (values.SANDBOX_DELETION_START_DELAY_MS !== undefined) timings.startDelayMs = values.SANDBOX_DELETION_START_DELAY_MS;
  if (values.SANDBOX_DELETION_DECIDE_DELAY_MS !== undefined) timings.decideDelayMs = values.SANDBOX_DELETION_DECIDE_DELAY_MS;
  if (values.SANDBOX_DELETION_PURGE_AFTER_MS !== undefined) timings.purgeAfterMs = values.SANDBOX_DELETION_PURGE_AFTER_MS;
  return {
    host: values.SANDBOX_HOST,
    port: values.SANDBOX_PORT,
    dataDir: values.SANDBOX_DATA_DIR,
    scenario: values.SANDBOX_SCENARIO,
    faultsJson: values.SANDBOX_FAULTS?.trim() ? values.SANDBOX_FAULTS : undefined,
    timings,
  };
}
