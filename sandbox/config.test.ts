import { describe, expect, it } from 'vitest';
import { DEFAULT_DELETION_TIMINGS, mergeDeletionTimings, readSandboxEnv } from './config';

describe('sandbox settings', () => {
  it('defaults to port 4566, .data/sandbox and the demo scenario', () => {
    expect(readSandboxEnv({})).toEqual({ host: '127.0.0.1', port: 4566, dataDir: '.data/sandbox', scenario: 'demo', faultsJson: undefined, timings: {} });
  });

  it('reads deletion timings and rejects bad values, naming the variable', () => {
    const settings = readSandboxEnv({ SANDBOX_PORT: '0', SANDBOX_DELETION_DECIDE_DELAY_MS: '250', SANDBOX_DELETION_PURGE_AFTER_MS: '1000' });
    expect(settings.port).toBe(0);
    expect(settings.timings).toEqual({ decideDelayMs: 250, purgeAfterMs: 1000 });
    expect(() => readSandboxEnv({ SANDBOX_PORT: 'eighty' })).toThrow(/SANDBOX_PORT/);
    expect(() => readSandboxEnv({ SANDBOX_DELETION_START_DELAY_MS: '-5' })).toThrow(/SANDBOX_DELETION_START_DELAY_MS/);
  });

  it('merges timings and refuses a task that would be decided before it starts', () => {
    expect(mergeDeletionTimings(DEFAULT_DELETION_TIMINGS, { decideDelayMs: 5_000 })).toEqual({ startDelayMs: 1_000, decideDelayMs: 5_000, purgeAfterMs: 600_000 });
    expect(() => mergeDeletionTimings(DEFAULT_DELETION_TIMINGS, { startDelayMs: 4_000 })).toThrow(/must not exceed decideDelayMs/);
  });
});
