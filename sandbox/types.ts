// The sandbox's shared model: persisted state, the contract every service handler follows, and its error type.
// Protocol code (sandbox/protocols) turns wire requests into handler calls; service code (sandbox/services)
// implements AWS semantics on this state; scenarios (sandbox/scenarios) build whole states.

import type { CallerIdentity } from './credentials';

/** The partitions a sandbox account can live in (sandbox/partition.ts). */
export type Partition = 'aws' | 'aws-us-gov';

// ---------- persisted state (JSON, versioned) ----------

export interface SandboxState {
  version: 1;
  /** Scenario that produced this state, for display. */
  scenario: string;
  accounts: Record<string, AccountState>;
  /** The AWS Organization the accounts belong to; absent when the management account is in none. */
  organization?: OrganizationState;
}

// ---------- AWS Organizations ----------

/** Deprecated by AWS in favour of `AccountLifecycleState`, still returned beside it. */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
export type AccountLifecycleState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface OrganizationState {
  id: string; // o- + 10 lower-case alphanumerics
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  managementAccountEmail: string;
  root: { id: string; name: string; arn: string }; // r- + 4 lower-case alphanumerics
  /** Keyed by OU id (ou-<root suffix>-<8 lower-case alphanumerics>). */
  organizationalUnits: Record<string, OrganizationalUnit>;
  /** Every account of the organization, the management account included, keyed by id. */
  accounts: Record<string, OrganizationAccount>;
  /** Member accounts registered as delegated administrators: they may list the organization too. */
  delegatedAdministratorIds: string[];
}

export interface OrganizationalUnit {
  id: string;
  arn: string;
  name: string;
  /** The root's id or another OU's. */
  parentId: string;
}

export interface OrganizationAccount {
  id: string;
  arn: string;
  email: string;
  name: string;
  status: AccountStatus;
  state: AccountLifecycleState;
  joinedMethod: 'INVITED' | 'CREATED';
  joinedTimestamp: string; // ISO 8601
  /** The root's id or an OU's. */
  parentId: string;
}

export interface AccountState {
  accountId: string;
  partition: Partition;
  iam: IamState;
  /** Every region of the account's partition, keyed by code; present even when not enabled. */
  regions: Record<string, RegionState>;
  /** CloudTrail event history: management events per region, oldest first (sandbox/cloudtrail-history.ts). */
  cloudTrail?: Record<string, TrailEvent[]>;
  /** IAM Access Advisor report jobs, keyed by JobId. */
  accessAdvisorJobs?: Record<string, AccessAdvisorJob>;
}

// ---------- CloudTrail event history ----------

export interface TrailUserIdentity {
  type: 'AWSService' | 'AssumedRole' | 'IAMUser';
  invokedBy?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: {
    sessionIssuer: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
    attributes: { creationDate: string; mfaAuthenticated: 'false' };
  };
}

/** One CloudTrail record, in the form LookupEvents returns as the CloudTrailEvent JSON string. */
export interface TrailRecord {
  eventVersion: string;
  userIdentity: TrailUserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: Array<{ ARN: string; accountId: string; type: string }>;
  eventType: 'AwsApiCall';
  managementEvent: true;
  recipientAccountId: string;
  eventCategory: 'Management';
}

export interface TrailEvent {
  record: TrailRecord;
  /** LookupEvents' Username: the IAM user, or the role session's name. */
  username?: string;
  /** LookupEvents' Resources (and what ResourceType/ResourceName lookups match). */
  resources: Array<{ ResourceType: string; ResourceName: string }>;
}

// ---------- IAM Access Advisor ----------

export interface AccessAdvisorJob {
  jobId: string;
  arn: string;
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  createdAtMs: number;
  /** When the job leaves IN_PROGRESS, and whether it then fails (settings in force at creation). */
  completeAtMs: number;
  fails: boolean;
}

export interface IamState {
  roles: Record<string, IamRole>; // keyed by role name (names are unique in an account, case-insensitively)
  deletionTasks: Record<string, DeletionTask>; // keyed by DeletionTaskId
}

export interface IamRole {
  roleName: string;
  path: string;
  roleId: string; // AROA + 17 upper-case alphanumerics
  arn: string;
  createDate: string; // ISO 8601
  description?: string;
  maxSessionDuration: number;
  /** The trust policy as a JSON string (decoded form; protocols URL-encode it on the wire). */
  assumeRolePolicyDocument: string;
  attachedPolicyArns: string[];
  inlinePolicies: Record<string, string>;
  roleLastUsed?: { lastUsedDate: string; region: string };
  tags: Array<{ Key: string; Value: string }>;
  isServiceLinked: boolean;
}

export type DeletionStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface DeletionTask {
  deletionTaskId: string;
  roleName: string;
  createdAtMs: number;
  /** When the task turns IN_PROGRESS, and when its outcome is decided (both from the timing settings). */
  startAtMs: number;
  decideAtMs: number;
  /** Set once decided; a decided task record is purged `purgeAfterMs` later. */
  outcome?: {
    status: 'SUCCEEDED' | 'FAILED';
    decidedAtMs: number;
    reason?: string;
    roleUsageList?: Array<{ region: string; resources: string[] }>;
  };
}

export type OptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

export interface RegionState {
  code: string;
  name: string;
  optInStatus: OptInStatus;
  windows: Record<string, MaintenanceWindow>; // keyed by WindowId
  associations: Record<string, Association>; // keyed by AssociationId
  dataSyncs: Record<string, ResourceDataSync>; // keyed by SyncName
  resourceGroups: Record<string, ResourceGroup>; // keyed by group name
  /** Tagged resources by ARN. */
  taggedResources: Record<string, Record<string, string>>;
}

export interface Target {
  Key: string;
  Values: string[];
}

export interface MaintenanceWindow {
  WindowId: string; // mw- + 17 hex
  Name: string;
  Description?: string;
  Enabled: boolean;
  Schedule: string;
  ScheduleTimezone?: string;
  Duration: number;
  Cutoff: number;
  AllowUnassociatedTargets: boolean;
  CreatedDate: string;
  ModifiedDate: string;
  tasks: Record<string, MaintenanceWindowTask>; // keyed by WindowTaskId
}

export interface MaintenanceWindowTask {
  WindowId: string;
  WindowTaskId: string; // uuid
  TaskArn: string;
  Type: 'RUN_COMMAND' | 'AUTOMATION' | 'STEP_FUNCTIONS' | 'LAMBDA';
  Targets: Target[];
  ServiceRoleArn?: string;
  Priority: number;
  MaxConcurrency?: string;
  MaxErrors?: string;
  Name?: string;
  Description?: string;
  CutoffBehavior?: 'CONTINUE_TASK' | 'CANCEL_TASK';
  /** Opaque JSON as AWS returns it (GetMaintenanceWindowTask). */
  TaskInvocationParameters?: Record<string, unknown>;
}

export interface Association {
  AssociationId: string; // uuid
  Name: string; // document name, e.g. AWS-GatherSoftwareInventory
  AssociationName?: string;
  AssociationVersion: string;
  Targets: Target[];
  ScheduleExpression?: string;
  Parameters?: Record<string, string[]>;
  CreatedDate: string;
  LastExecutionDate?: string;
  Overview: { Status: string; DetailedStatus?: string };
}

export interface ResourceDataSync {
  SyncName: string;
  SyncType: 'SyncToDestination' | 'SyncFromSource';
  SyncSource?: {
    SourceType: string;
    SourceRegions: string[];
    IncludeFutureRegions?: boolean;
    /** Reported as NoPermissions while the service-linked role is missing. */
    State: string;
    EnableAllOpsDataSources?: boolean;
  };
  S3Destination?: { BucketName: string; Prefix?: string; SyncFormat: 'JsonSerDe'; Region: string };
  LastSyncTime?: string;
  LastSuccessfulSyncTime?: string;
  LastStatus: 'Successful' | 'Failed' | 'InProgress';
  SyncCreatedTime: string;
}

export interface ResourceGroup {
  GroupArn: string;
  Name: string;
  Description?: string;
  ResourceQuery?: { Type: 'TAG_FILTERS_1_0' | 'CLOUDFORMATION_STACK_1_0'; Query: string };
  /** Resource ARNs the group holds (explicit members, or the query's result at creation). */
  resources: string[];
  tags: Record<string, string>;
}

// ---------- handler contract ----------

export type ServiceName = 'iam' | 'sts' | 'ec2' | 'ssm' | 'tagging' | 'resource-groups' | 'cloudtrail' | 'organizations';

export interface HandlerContext {
  /** The account the call acts in: the caller's (see sandbox/credentials.ts). */
  accountId: string;
  /** That account's partition: every ARN the call returns begins `arn:PARTITION:`. */
  partition: Partition;
  region: string;
  service: ServiceName;
  operation: string;
  requestId: string;
  nowMs: number;
  /** The caller's access key id, as named in the request's credential scope. */
  accessKeyId: string;
  /** Who is calling: the management account's administrator user, or an assumed-role session. */
  caller: CallerIdentity;
  store: SandboxStoreApi;
}

/** The state store as handlers see it: a read, or an atomic read-modify-write that is persisted before it returns. */
export interface SandboxStoreApi {
  read<T>(fn: (state: SandboxState) => T): T;
  mutate<T>(fn: (state: SandboxState) => T): Promise<T>;
  /** Grows with every mutation: what a handler's cached view of the state (an index) is checked against. */
  readonly version: number;
  /** Deletion timing and purge settings in force (see sandbox/config.ts). */
  timings: DeletionTimings;
  /** How IAM Access Advisor jobs behave (see sandbox/config.ts). */
  accessAdvisor: AccessAdvisorSettings;
}

export interface AccessAdvisorSettings {
  /** How long GetServiceLastAccessedDetails answers IN_PROGRESS after the job is generated. */
  jobDurationMs: number;
  /** New jobs end FAILED instead of COMPLETED. */
  failJobs: boolean;
}

export interface DeletionTimings {
  /** Time from DeleteServiceLinkedRole to IN_PROGRESS. */
  startDelayMs: number;
  /** Time from DeleteServiceLinkedRole to the SUCCEEDED/FAILED decision. */
  decideDelayMs: number;
  /** Time a decided task record is kept before the status call answers NoSuchEntity. */
  purgeAfterMs: number;
}

/**
 * One operation. `input` is the decoded request: for query protocols the form parameters already turned into
 * nested objects/arrays (Foo.member.1 → Foo[0]); for JSON protocols the parsed body; for REST JSON the body
 * merged with path and query parameters. The return value is the operation's output in AWS's field names
 * (PascalCase for IAM/STS/SSM/tagging/resource-groups, camelCase XML names for EC2 as AWS sends them).
 */
export type OperationHandler = (ctx: HandlerContext, input: Record<string, unknown>) => unknown | Promise<unknown>;

export interface ServiceDefinition {
  service: ServiceName;
  operations: Record<string, OperationHandler>;
}

/** An error AWS would send. The protocol layer renders it in the service's wire form. */
export class SandboxError extends Error {
  /** Further members of the error's body, as some AWS errors carry them (Organizations' `Reason`, `Type`). */
  fields?: Record<string, string>;

  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly fault: 'Sender' | 'Receiver' = httpStatus >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
