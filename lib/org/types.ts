// The organization's data model: its accounts and organizational units, and what one organization audit found
// in each account. Plain data only (stored as JSON and sent to the browser).

import type { AuditOverview } from '@/lib/audit/summary';
import type { AwsErrorInfo } from '@/lib/aws/errors';

/** An organizational unit or a root, with the units and accounts directly under it. */
export interface OrgUnitNode {
  id: string;
  name: string;
  kind: 'root' | 'ou';
  children: OrgUnitNode[];
  accountIds: string[];
}

export interface OrgAccount {
  id: string;
  name: string;
  email?: string;
  arn?: string;
  /** AWS's Status (ACTIVE | SUSPENDED | PENDING_CLOSURE); absent when the account came from ATLAS_ACCOUNT_IDS. */
  status?: string;
  /** AWS's newer State (PENDING_ACTIVATION | ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED). */
  state?: string;
  joinedMethod?: string;
  /** The unit it sits in directly, and the names from the root down to it. */
  parentId: string | null;
  ouPath: string[];
  /** The account whose credentials the dashboard runs with: it is read directly, without assuming a role. */
  isCaller: boolean;
}

export interface OrgStructure {
  /** Where the account list came from: AWS Organizations, or the explicit ATLAS_ACCOUNT_IDS list. */
  source: 'organizations' | 'account-list';
  organizationId?: string;
  managementAccountId?: string;
  callerAccountId: string;
  tree: OrgUnitNode[];
  accounts: OrgAccount[];
  warnings: string[];
}

/** How the audit of one account ended. Anything but `scanned` and `skipped` leaves the account unknown. */
export type AccountAuditOutcome =
  | { kind: 'scanned'; audit: AuditOverview }
  /** Suspended, closed or closing: listed, never scanned. */
  | { kind: 'skipped'; reason: string }
  /** The access role could not be assumed (absent, or its trust policy does not name the caller). */
  | { kind: 'role-denied'; error: AwsErrorInfo }
  | { kind: 'timed-out'; afterMs: number }
  | { kind: 'error'; error: AwsErrorInfo };

export interface AccountRoleFacts {
  /** null when the role could not be read. */
  exists: boolean | null;
  lastUsedDate?: string;
  lastUsedRegion?: string;
}

export interface AccountAudit {
  account: OrgAccount;
  outcome: AccountAuditOutcome;
  /** Who the dashboard was in that account: the assumed-role session's ARN, or the caller's own ARN. */
  callerArn?: string;
  role: AccountRoleFacts;
  startedAt: string;
  finishedAt: string;
  callCount: number;
}

export type AccountVerdict = 'safe' | 'no-role' | 'blocked' | 'unknown' | 'skipped';

export type OrgVerdict =
  | { kind: 'safe' }
  | { kind: 'blocked'; blockedAccounts: string[]; unknownAccounts: string[] }
  | { kind: 'unknown'; unknownAccounts: string[] };

export interface OrgAuditResult {
  id: string;
  startedAt: string;
  finishedAt: string;
  target: 'sandbox' | 'aws';
  structure: OrgStructure;
  accounts: AccountAudit[];
  verdict: OrgVerdict;
}

/** Events a running organization audit emits, streamed to the browser as they happen. */
export type OrgAuditEvent =
  | { type: 'started'; auditId: string; startedAt: string; structure: OrgStructure }
  | { type: 'account-progress'; auditId: string; accountId: string; regionsDone: number; regionsTotal: number }
  | { type: 'account'; auditId: string; account: AccountAudit; done: number; total: number }
  | { type: 'finished'; audit: OrgAuditResult }
  | { type: 'failed'; auditId: string; message: string };
