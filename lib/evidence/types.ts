import type { AwsErrorInfo } from '@/lib/aws/errors';
import type { ServiceLastAccessed, TrailEventRecord } from '@/lib/aws/types';

// Evidence of use of the service-linked role: what CloudTrail's event history (per region, 90 days) and IAM
// Access Advisor say, next to the audit's inference from configuration.

/** CloudTrail keeps a region's management events this many days. */
export const CLOUDTRAIL_HISTORY_DAYS = 90;

/**
 * How a region's events were read. Only `read` says anything about use; every other status leaves the region's
 * evidence unknown (never "unused").
 */
export type RegionEvidenceStatus =
  | { kind: 'read' }
  | { kind: 'not-enabled' }
  | { kind: 'access-denied'; error: AwsErrorInfo }
  | { kind: 'timed-out'; afterMs: number }
  | { kind: 'error'; error: AwsErrorInfo };

/** One session of the role: Systems Manager assuming it, and what the session then called. */
export interface RoleSession {
  assumedAt: string;
  region: string;
  eventId: string;
  invokedBy?: string;
  sessionAccessKeyId?: string;
  /** The session's own calls, when they were read (the newest sessions of each region). */
  calls?: TrailEventRecord[];
}

export interface RegionEvidence {
  region: string;
  status: RegionEvidenceStatus;
  /** Newest first. */
  sessions: RoleSession[];
  /** Other events naming the role (its creation, tasks registered with it…), newest first. */
  otherEvents: TrailEventRecord[];
  /** ISO 8601 of the newest AssumeRole; absent when none in 90 days (or the region was not read). */
  lastUsedAt?: string;
  /** False when the page limit or the deadline stopped the lookup before the oldest event. */
  isComplete: boolean;
  lookupCalls: number;
}

export type AccessAdvisorEvidence =
  | { kind: 'completed'; services: ServiceLastAccessed[]; completedAt?: string }
  | { kind: 'in-progress' }
  | { kind: 'failed'; message: string }
  | { kind: 'access-denied'; error: AwsErrorInfo }
  | { kind: 'error'; error: AwsErrorInfo };

/**
 * How far back each region was read: `history`, every role event of the last 90 days (up to the page limit);
 * `latest`, down to the region's newest session only (enough for the last use and the markers, not a timeline).
 */
export type EvidenceDepth = 'history' | 'latest';

export interface RoleEvidence {
  roleArn: string;
  collectedAt: string;
  depth: EvidenceDepth;
  regions: RegionEvidence[];
  accessAdvisor: AccessAdvisorEvidence;
  /** IAM actions the caller lacks for parts of the evidence, e.g. `cloudtrail:LookupEvents`. */
  missingPermissions: string[];
  /** The newest use across regions that were read. */
  lastUse?: { at: string; region: string };
}
