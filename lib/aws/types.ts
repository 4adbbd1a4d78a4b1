// What the lib/aws readers return: the app's own types, declared here so that lib/aws depends on no domain
// module. Plain data only (stored as JSON and sent to the browser).

import type { PolicyDocument } from './policy-document';

export type OptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

/** One region of the partition as EC2's DescribeRegions lists it for the account. */
export interface AccountRegionRecord {
  code: string;
  optInStatus: OptInStatus;
}

/** Whatever a call answered with an id AWS gave the request (for the activity log and error reports). */
export interface RequestMeta {
  requestId?: string;
}

/** A maintenance-window task, addressed in its region. */
export interface WindowTaskRef {
  region: string;
  windowId: string;
  windowTaskId: string;
}

export interface TargetRecord {
  key: string;
  values: string[];
}

export interface MaintenanceWindowRecord {
  windowId: string;
  name: string;
  description?: string;
  isEnabled: boolean;
  schedule?: string;
}

/** A task as DescribeMaintenanceWindowTasks lists it. Its invocation parameters are deliberately not read. */
export interface MaintenanceWindowTaskRecord {
  windowId: string;
  windowTaskId: string;
  name?: string;
  description?: string;
  type: string;
  taskArn: string;
  priority?: number;
  /** The task-level role; null when the task has none (it then runs as the service-linked role). */
  serviceRoleArn: string | null;
  targets: TargetRecord[];
}

export interface AssociationRecord {
  associationId: string;
  associationName?: string;
  documentName: string;
  targets: TargetRecord[];
  lastExecutionDate?: string;
}

export type DataSyncType = 'SyncToDestination' | 'SyncFromSource';

export interface DataSyncRecord {
  syncName: string;
  syncType?: string; // SyncToDestination | SyncFromSource
  sourceType?: string;
  /** SyncSource.State, e.g. Successful | NoPermissions | InvalidOrganizationalUnit (SyncFromSource only). */
  state?: string;
  lastStatus?: string;
  lastSyncTime?: string;
}

export interface ResourceGroupRecord {
  name: string;
  arn: string;
  description?: string;
}

export interface TaggedResourcesSummary {
  /** With `isComplete` false, a lower bound: at least this many. */
  count: number;
  /** The first few ARNs, for display. */
  sample: string[];
  /** False when the count stopped at its page bound before the last page. Absent in audits stored before it. */
  isComplete?: boolean;
}

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  partition: string;
}

export interface RoleSummary {
  roleName: string;
  arn: string;
  path: string;
  roleId: string;
  createDate: string;
  description?: string;
}

export interface RoleDetails extends RoleSummary {
  maxSessionDuration: number;
  lastUsed: { date: string; region: string } | null;
  trustPolicy: PolicyDocument;
  /** The decoded trust policy, pretty-printed. */
  trustPolicyJson: string;
  /** False when a role of this name exists under another path: then it is not the service-linked role. */
  hasExpectedPath: boolean;
  tags: Array<{ key: string; value: string }>;
}

export interface AttachedPolicy {
  policyName: string;
  policyArn: string;
}

export interface ManagedPolicy {
  arn: string;
  policyName: string;
  path: string;
  defaultVersionId: string;
  description?: string;
  createDate: string;
  updateDate: string;
  attachmentCount: number;
  isAwsManaged: boolean;
}

export interface PolicyVersionSummary {
  versionId: string;
  isDefaultVersion: boolean;
  createDate: string;
}

export interface PolicyVersionDocument extends PolicyVersionSummary {
  document: PolicyDocument;
  json: string;
}

export type DeletionTaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface RoleUsage {
  region: string;
  resources: string[];
}

/** Why IAM's deletion task failed, and the resources it named (possibly a few of them, or none). */
export interface DeletionFailure {
  reason: string;
  usage: RoleUsage[];
}

/** Which role a name stands for: a role of the same name with another id or creation date is a new one. */
export interface RoleIdentity {
  roleId: string;
  createDate: string;
}

export interface CreatedRole {
  roleName: string;
  arn: string;
  createDate: string;
  description?: string;
}

/** AWS Organizations: the organization, an account, and a parent (root or organizational unit). */
export interface OrganizationInfo {
  id: string;
  arn: string;
  managementAccountId: string;
  managementAccountEmail?: string;
  featureSet?: string;
}

/** Status is AWS's older field (ACTIVE | SUSPENDED | PENDING_CLOSURE); state the newer one (adds CLOSED, …). */
export interface OrganizationAccountRecord {
  id: string;
  arn: string;
  name: string;
  email: string;
  status?: string;
  state?: string;
  joinedMethod?: string;
  joinedAt?: string;
}

export interface OrganizationParentRecord {
  id: string;
  arn: string;
  name: string;
}

/** One CloudTrail management event, as the event history reports it. */
export interface TrailEventRecord {
  eventId: string;
  eventName: string;
  eventSource: string;
  /** ISO 8601. */
  eventTime: string;
  region: string;
  readOnly: boolean;
  username?: string;
  accessKeyId?: string;
  /** `AWSService`, `AssumedRole`, `IAMUser`… from the record's userIdentity. */
  identityType?: string;
  /** The service that made the call for the identity (`ssm.amazonaws.com`). */
  invokedBy?: string;
  /** The role a session call was made with (sessionContext.sessionIssuer.arn). */
  sessionIssuerArn?: string;
  /** For AssumeRole: the role assumed, and the session's temporary key (what its own calls carry). */
  assumedRoleArn?: string;
  sessionAccessKeyId?: string;
  resources: Array<{ type: string; name: string }>;
}

export type ServiceLastAccessedJobStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface ActionLastAccessed {
  actionName: string;
  /** ISO 8601; absent when never used in the tracking period. */
  lastAccessedTime?: string;
  lastAccessedRegion?: string;
}

export interface ServiceLastAccessed {
  serviceName: string;
  serviceNamespace: string;
  /** ISO 8601; absent when the role never used the service in the tracking period. */
  lastAuthenticated?: string;
  lastAuthenticatedRegion?: string;
  /** Only for services with action-level tracking, in ACTION_LEVEL reports. */
  trackedActions?: ActionLastAccessed[];
}

export interface ServiceLastAccessedReport {
  status: ServiceLastAccessedJobStatus;
  services: ServiceLastAccessed[];
  /** ISO 8601. */
  completedAt?: string;
  /** Why a FAILED job failed, in AWS's words. */
  failure?: string;
}
