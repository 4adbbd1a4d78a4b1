import type { AuditVerdict } from '@/lib/audit/types';

// The exit codes scripts rely on (documented in the README).

export const EXIT_CODES = {
  /** audit: every region read and nothing relies on the role; watch: no change. */
  ok: 0,
  /** The command could not do its job: bad arguments or settings, the target unreadable, a file not written. */
  error: 1,
  /** audit: at least one maintenance-window task relies on the role. */
  blocked: 2,
  /** audit: some region was not read, so deletion cannot be called safe. */
  unknown: 3,
  /** watch --once: at least one change since the baseline. */
  changed: 4,
} as const;

export function getAuditExitCode(verdict: AuditVerdict): number {
  switch (verdict.kind) {
    case 'safe':
      return EXIT_CODES.ok;
    case 'blocked':
      return EXIT_CODES.blocked;
    case 'unknown':
      return EXIT_CODES.unknown;
  }
}
