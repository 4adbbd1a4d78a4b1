import type { AuditVerdict } from '@/lib/audit/types';
import type { OrgVerdict } from '@/lib/org/types';

// The exit codes scripts rely on (documented in the README).

export const EXIT_CODES = {
  /** audit: every region read and nothing relies on the role; watch: no change. */
  ok: 0,
  /** The command could not do its job: bad arguments or settings, the target unreadable, a file not written. */
  error: 1,
  /** audit: at least one maintenance-window task relies on the role (in any account, in organization mode). */
  blocked: 2,
  /** audit: some region (or account) was not read, so deletion cannot be called safe. */
  unknown: 3,
  /** watch --once: at least one change since the baseline. */
  changed: 4,
} as const;

/** The same codes for one account's audit and an organization's (blocked when any account is). */
export function getAuditExitCode(verdict: AuditVerdict | OrgVerdict): number {
  switch (verdict.kind) {
    case 'safe':
      return EXIT_CODES.ok;
    case 'blocked':
      return EXIT_CODES.blocked;
    case 'unknown':
      return EXIT_CODES.unknown;
  }
}
