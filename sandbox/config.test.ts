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

  it('listens on loopback only, refusing any other address with the reason', () => {
    expect(readSandboxEnv({ SANDBOX_HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
    expect(readSandboxEnv({ SANDBOX_HOST: '::1' }).host).toBe('::1');
    expect(() => readSandboxEnv({ SANDBOX_HOST: '0.0.0.0' })).toThrow(/SANDBOX_HOST: the sandbox listens on loopback only/);
    expect(() => readSandboxEnv({ SANDBOX_HOST: '192.168.1.10' })).toThrow(/SANDBOX_HOST/);
  });

  it('merges timings and refuses a task that would be decided before it starts', () => {
    expect(mergeDeletionTimings(DEFAULT_DELETION_TIMINGS, { decideDelayMs: 5_000 })).toEqual({ startDelayMs: 1_000, decideDelayMs: 5_000, purgeAfterMs: 600_000 });
    expect(() => mergeDeletionTimings(DEFAULT_DELETION_TIMINGS, { startDelayMs: 4_000 })).toThrow(/must not exceed decideDelayMs/);
  });
});
