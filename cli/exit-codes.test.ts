import { describe, expect, it } from 'vitest';
import { EXIT_CODES, getAuditExitCode } from '@/cli/exit-codes';

describe('audit exit codes', () => {
  it('are 0 for safe, 2 for blocked and 3 for unknown, as the README documents', () => {
    expect(getAuditExitCode({ kind: 'safe' })).toBe(0);
    expect(getAuditExitCode({ kind: 'blocked', blockingTasks: 1, blockingRegions: ['eu-west-1'], unknownRegions: [] })).toBe(2);
    expect(getAuditExitCode({ kind: 'unknown', unknownRegions: ['eu-west-1'] })).toBe(3);
  });

  it('keep a blocked verdict at 2 even when other regions were not read', () => {
    expect(getAuditExitCode({ kind: 'blocked', blockingTasks: 2, blockingRegions: ['eu-west-1'], unknownRegions: ['us-east-1'] })).toBe(2);
  });

  it('are the same for an organization: 2 when any account is blocked, 3 when an account was not read', () => {
    expect(getAuditExitCode({ kind: 'safe' })).toBe(0);
    expect(getAuditExitCode({ kind: 'blocked', blockedAccounts: ['210987654303'], unknownAccounts: ['210987654309'] })).toBe(2);
    expect(getAuditExitCode({ kind: 'unknown', unknownAccounts: ['210987654309'] })).toBe(3);
  });

  it('reserve 1 for errors and 4 for a watch that saw a change', () => {
    expect(EXIT_CODES.error).toBe(1);
    expect(EXIT_CODES.changed).toBe(4);
  });
});
