// The audit's data model: what one scan of every region found. Shared by the scanner, the region pages,
// the dependency graph and the delete wizard. Plain data only (it is stored as JSON and sent to the browser).

import type { AwsErrorInfo } from '@/lib/aws/errors';
import type { DataSyncRecord, OptInStatus, ResourceGroupRecord, TaggedResourcesSummary, TargetRecord } from '@/lib/aws/types';

export type { OptInStatus };

export interface RegionDescriptor {
  code: string;
  name: string;
  optInStatus: OptInStatus;
  /** false for regions that are not enabled in the account: they are listed, not scanned. */
  isEnabled: boolean;
}

/**
 * How a scan of one region ended: the reads of what can block deletion (maintenance windows and their tasks).
 * Anything but `ok`, `not-enabled` and `no-ssm` leaves the region unknown.
 * `no-ssm`: EC2 lists the region as enabled, but Systems Manager does not exist there (AWS's public list of its
 * regions does not name it, and the region did not answer): nothing there can use the role, and nothing was read.
 */
export type RegionScanStatus =
  | { kind: 'ok' }
  | { kind: 'not-enabled' }
  | { kind: 'no-ssm' }
  | { kind: 'access-denied'; error: AwsErrorInfo }
  | { kind: 'throttled'; error: AwsErrorInfo }
  | { kind: 'timed-out'; afterMs: number }
  /** `likelyCause` explains a failure whose AWS message alone would mislead. */
  | { kind: 'error'; error: AwsErrorInfo; likelyCause?: string };

/**
 * How a maintenance-window task runs:
 * - `service-linked-implicit`: no task-level ServiceRoleArn, so it runs as the service-linked role;
 * - `service-linked-explicit`: ServiceRoleArn is the service-linked role's ARN;
 * - `custom`: ServiceRoleArn names another role.
 * The Run Command notification role (TaskInvocationParameters.RunCommand.ServiceRoleArn) plays no part.
 */
export type TaskRoleUse = 'service-linked-implicit' | 'service-linked-explicit' | 'custom';

export type TargetFinding = TargetRecord;

export interface MaintenanceWindowTaskFinding {
  windowId: string;
  windowTaskId: string;
  arn: string; // arn:aws:ssm:<region>:<account>:windowtask/<windowId>/<windowTaskId>
  name?: string;
  description?: string;
  type: string; // RUN_COMMAND | AUTOMATION | STEP_FUNCTIONS | LAMBDA
  taskArn: string;
  priority?: number;
  serviceRoleArn: string | null;
  roleUse: TaskRoleUse;
  /** true when the task keeps the service-linked role alive (blocks its deletion). */
  reliesOnRole: boolean;
  targets: TargetFinding[];
}

export interface MaintenanceWindowFinding {
  windowId: string;
  name: string;
  description?: string;
  isEnabled: boolean;
  schedule?: string;
  tasks: MaintenanceWindowTaskFinding[];
}

export interface InventoryAssociationFinding {
  associationId: string;
  associationName?: string;
  documentName: string;
  targets: TargetFinding[];
  /** Targets keyed `tag:*` / `tag-key`, expanded through tags (fed by the role). */
  usesTags: boolean;
  /** Targets keyed `resource-groups:Name`, expanded through Resource Groups (fed by the role). */
  usesResourceGroups: boolean;
  lastExecutionDate?: string;
}

export type DataSyncFinding = DataSyncRecord;

export type ResourceGroupFinding = ResourceGroupRecord;

export type TaggedResourcesFinding = TaggedResourcesSummary;

/** How one read ended; a read that did not end `ok` left its finding unknown (shown empty, never as zero). */
export type ReadStatus = Exclude<RegionScanStatus, { kind: 'not-enabled' } | { kind: 'no-ssm' }>;

/** The data-impact reads, each with its own status: they never decide the verdict. */
export type DataImpactRead = 'inventoryAssociations' | 'dataSyncs' | 'resourceGroups' | 'taggedResources';

export interface RegionFindings {
  windows: MaintenanceWindowFinding[];
  inventoryAssociations: InventoryAssociationFinding[];
  dataSyncs: DataSyncFinding[];
  resourceGroups: ResourceGroupFinding[];
  taggedResources: TaggedResourcesFinding;
  /** Absent in audits stored before the reads had statuses of their own (they were then all read). */
  dataReads?: Record<DataImpactRead, ReadStatus>;
}

export interface RegionAudit {
  region: RegionDescriptor;
  status: RegionScanStatus;
  /** null when the region was not read (not enabled, or the scan failed before any finding). */
  findings: RegionFindings | null;
  /** Calls that failed but did not fail the region (e.g. tagging denied): shown as partial data. */
  warnings: string[];
  startedAt: string;
  finishedAt: string;
  callCount: number;
}

export type AuditVerdict =
  | { kind: 'safe' }
  | { kind: 'blocked'; blockingTasks: number; blockingRegions: string[]; unknownRegions: string[] }
  | { kind: 'unknown'; unknownRegions: string[] };

export interface AuditTargetSummary {
  target: 'sandbox' | 'aws';
  accountId: string;
  callerArn: string;
  partition: string;
}

export interface AuditResult {
  id: string;
  startedAt: string;
  finishedAt: string;
  target: AuditTargetSummary;
  roleArn: string;
  roleExists: boolean;
  roleLastUsedRegion?: string;
  roleLastUsedDate?: string;
  regions: RegionAudit[];
  verdict: AuditVerdict;
  /** Audit-wide notes, e.g. the region list came from EC2 because the SSM parameters could not be read. */
  warnings?: string[];
}

/** Events a running scan emits, streamed to the browser as they happen. */
export type AuditProgressEvent =
  | { type: 'started'; auditId: string; regions: RegionDescriptor[]; startedAt: string }
  | { type: 'region'; auditId: string; region: RegionAudit; done: number; total: number }
  | { type: 'finished'; audit: AuditResult }
  | { type: 'failed'; auditId: string; message: string };
