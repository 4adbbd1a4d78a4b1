import { INVENTORY_DOCUMENT_NAME, ROLE_NAME, ROLE_PATH, SERVICE_PRINCIPAL } from '../lib/role/constants';
import { createSeededIds, randomIds, type IdGenerator } from './ids';
import { SANDBOX_CALLER_USER_ID, SANDBOX_CALLER_USER_NAME, type CallerIdentity } from './credentials';
import type {
  AccountState,
  Association,
  IamRole,
  MaintenanceWindow,
  MaintenanceWindowTask,
  SandboxState,
  TrailEvent,
  TrailRecord,
  TrailUserIdentity,
} from './types';

// The CloudTrail event history of a sandbox account: built from a scenario's own state (the service-linked
// role assumed by Systems Manager where its maintenance-window tasks and inventory run, on their schedules, and
// what each session then called), and extended as the sandbox records write calls. The role's RoleLastUsed
// always agrees with the newest AssumeRole event.

export const HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Sessions kept per region: older ones are dropped so large scenarios stay small. */
export const MAX_SESSIONS_PER_REGION = 60;
const SSM_SOURCE_IP = 'ssm.amazonaws.com';
const CALLER_SOURCE_IP = '198.51.100.24';
const CALLER_USER_AGENT = 'aws-sdk-js/3 ssm-role-atlas';

/** What one role session did: the calls Systems Manager made with the role's credentials. */
export interface SessionCall {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  requestParameters: Record<string, unknown>;
  resources: Array<{ ARN: string; type: string }>;
}

/** Something in a region that makes Systems Manager assume the role, and when it runs. */
export interface RoleUseSource {
  calls: SessionCall[];
  runTimesMs: number[];
}

function regionEvents(account: AccountState, region: string): TrailEvent[] {
  account.cloudTrail ??= {};
  return (account.cloudTrail[region] ??= []);
}

function toIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function findServiceLinkedRole(account: AccountState): IamRole | undefined {
  const role = account.iam.roles[ROLE_NAME];
  return role && role.path === ROLE_PATH ? role : undefined;
}

/** The key a session's calls carry: ASIA + 16 upper-case characters. */
function sessionKey(ids: IdGenerator): string {
  return `ASIA${ids.hex(16).toUpperCase()}`;
}

function baseRecord(
  account: AccountState,
  region: string,
  timeMs: number,
  ids: IdGenerator,
  fields: Pick<TrailRecord, 'eventSource' | 'eventName' | 'readOnly' | 'userIdentity' | 'requestParameters' | 'responseElements'> &
    Partial<Pick<TrailRecord, 'sourceIPAddress' | 'userAgent' | 'resources'>>,
): TrailRecord {
  const record: TrailRecord = {
    eventVersion: '1.08',
    userIdentity: fields.userIdentity,
    eventTime: toIso(timeMs),
    eventSource: fields.eventSource,
    eventName: fields.eventName,
    awsRegion: region,
    sourceIPAddress: fields.sourceIPAddress ?? CALLER_SOURCE_IP,
    userAgent: fields.userAgent ?? CALLER_USER_AGENT,
    requestParameters: fields.requestParameters,
    responseElements: fields.responseElements,
    requestID: ids.uuid(),
    eventID: ids.uuid(),
    readOnly: fields.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account.accountId,
    eventCategory: 'Management',
  };
  if (fields.resources) record.resources = fields.resources;
  return record;
}

/** Systems Manager assuming the role, then each call it made with the session, a few seconds apart. */
export function createRoleSessionEvents(
  account: AccountState,
  role: IamRole,
  region: string,
  timeMs: number,
  calls: readonly SessionCall[],
  ids: IdGenerator,
): TrailEvent[] {
  const accessKeyId = sessionKey(ids);
  const sessionName = `SSM-${Math.floor(timeMs / 1000)}`;
  const sessionArn = `arn:${account.partition}:sts::${account.accountId}:assumed-role/${role.roleName}/${sessionName}`;
  const assumeRole: TrailEvent = {
    record: baseRecord(account, region, timeMs, ids, {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      readOnly: true,
      userIdentity: { type: 'AWSService', invokedBy: SERVICE_PRINCIPAL },
      sourceIPAddress: SSM_SOURCE_IP,
      userAgent: SSM_SOURCE_IP,
      requestParameters: { roleArn: role.arn, roleSessionName: sessionName, durationSeconds: role.maxSessionDuration },
      responseElements: {
        credentials: { accessKeyId, expiration: toIso(timeMs + role.maxSessionDuration * 1000), sessionToken: '(omitted)' },
        assumedRoleUser: { assumedRoleId: `${role.roleId}:${sessionName}`, arn: sessionArn },
      },
      resources: [{ ARN: role.arn, accountId: account.accountId, type: 'AWS::IAM::Role' }],
    }),
    resources: [
      { ResourceType: 'AWS::IAM::AccessKey', ResourceName: accessKeyId },
      { ResourceType: 'AWS::STS::AssumedRole', ResourceName: sessionName },
      { ResourceType: 'AWS::IAM::Role', ResourceName: role.arn },
    ],
  };
  const identity: TrailUserIdentity = {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${sessionName}`,
    arn: sessionArn,
    accountId: account.accountId,
    accessKeyId,
    invokedBy: SERVICE_PRINCIPAL,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: role.roleId, arn: role.arn, accountId: account.accountId, userName: role.roleName },
      attributes: { creationDate: toIso(timeMs), mfaAuthenticated: 'false' },
    },
  };
  const sessionEvents = calls.map((call, index): TrailEvent => ({
    record: baseRecord(account, region, timeMs + (index + 1) * 4000, ids, {
      eventSource: call.eventSource,
      eventName: call.eventName,
      readOnly: call.readOnly,
      userIdentity: identity,
      sourceIPAddress: SSM_SOURCE_IP,
      userAgent: SSM_SOURCE_IP,
      requestParameters: call.requestParameters,
      responseElements: null,
      resources: call.resources.map((resource) => ({ ...resource, accountId: account.accountId })),
    }),
    username: sessionName,
    resources: call.resources.map((resource) => ({ ResourceType: resource.type, ResourceName: resource.ARN })),
  }));
  return [assumeRole, ...sessionEvents];
}

/** How CloudTrail names a caller: the administrator user long-term keys stand for, or a role session. */
export function describeCaller(caller: CallerIdentity, accessKeyId: string, roleId?: string): { identity: TrailUserIdentity; username: string } {
  if (caller.kind === 'user') {
    return {
      identity: { type: 'IAMUser', principalId: caller.userId, arn: caller.arn, accountId: caller.accountId, accessKeyId, userName: caller.userName },
      username: caller.userName,
    };
  }
  return {
    identity: {
      type: 'AssumedRole',
      principalId: caller.userId,
      arn: caller.arn,
      accountId: caller.accountId,
      accessKeyId,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: roleId ?? caller.userId.split(':')[0] ?? '', arn: caller.roleArn, accountId: caller.accountId, userName: caller.roleName },
        attributes: { creationDate: toIso(caller.expirationMs - 3600_000), mfaAuthenticated: 'false' },
      },
    },
    username: caller.sessionName,
  };
}

/** Where CloudTrail keeps the events of a partition's global services (IAM, STS). */
function getGlobalEventRegion(account: AccountState): string {
  return account.partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1';
}

function describeAdministrator(account: AccountState): CallerIdentity {
  const accountId = account.accountId;
  return { kind: 'user', accountId, arn: `arn:${account.partition}:iam::${accountId}:user/${SANDBOX_CALLER_USER_NAME}`, userId: SANDBOX_CALLER_USER_ID, userName: SANDBOX_CALLER_USER_NAME };
}

/** A call made by `caller` (by default the sandbox's administrator user of the account). */
export function createCallerEvent(
  account: AccountState,
  region: string,
  timeMs: number,
  call: { eventSource: string; eventName: string; readOnly: boolean; requestParameters: Record<string, unknown> | null; resources?: Array<{ ARN: string; type: string }>; accessKeyId: string; caller?: CallerIdentity },
  ids: IdGenerator,
): TrailEvent {
  const resources = call.resources ?? [];
  const { identity, username } = describeCaller(call.caller ?? describeAdministrator(account), call.accessKeyId);
  return {
    record: baseRecord(account, region, timeMs, ids, {
      eventSource: call.eventSource,
      eventName: call.eventName,
      readOnly: call.readOnly,
      userIdentity: identity,
      requestParameters: call.requestParameters,
      responseElements: null,
      ...(resources.length > 0 ? { resources: resources.map((resource) => ({ ...resource, accountId: account.accountId })) } : {}),
    }),
    username,
    resources: resources.map((resource) => ({ ResourceType: resource.type, ResourceName: resource.ARN })),
  };
}

// ---------- schedules ----------

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function matchesCronDay(date: Date, dayOfMonth: string, dayOfWeek: string): boolean {
  if (dayOfWeek !== '?' && dayOfWeek !== '*') {
    const [name = '', nth] = dayOfWeek.split('#');
    const weekday = /^\d$/.test(name) ? Number(name) - 1 : WEEKDAYS.indexOf(name.slice(0, 3).toUpperCase());
    if (date.getUTCDay() !== weekday) return false;
    return nth === undefined || Math.ceil(date.getUTCDate() / 7) === Number(nth);
  }
  if (dayOfMonth === '?' || dayOfMonth === '*' || dayOfMonth === 'L') return true;
  return dayOfMonth.split(',').some((day) => Number(day) === date.getUTCDate());
}

function firstNumber(field: string | undefined): number {
  const match = /\d+/.exec(field ?? '');
  return match ? Number(match[0]) : 0;
}

/**
 * When a schedule ran between `fromMs` and `toMs`, oldest first. Cron and rate expressions are read in UTC;
 * anything that runs more than once a day counts once a day, the cadence at which the role is assumed here.
 */
export function listRunTimes(schedule: string | undefined, fromMs: number, toMs: number, offsetMinutes = 0): number[] {
  const times: number[] = [];
  const cron = /^cron\((.+)\)$/.exec(schedule?.trim() ?? '');
  if (cron) {
    const [minute, hour, dayOfMonth = '*', , dayOfWeek = '?'] = (cron[1] ?? '').trim().split(/\s+/);
    const startDay = Math.floor(fromMs / DAY_MS) * DAY_MS;
    for (let day = startDay; day <= toMs; day += DAY_MS) {
      const date = new Date(day);
      if (!matchesCronDay(date, dayOfMonth, dayOfWeek)) continue;
      const time = day + firstNumber(hour) * HOUR_MS + firstNumber(minute) * 60_000 + offsetMinutes * 60_000;
      if (time >= fromMs && time <= toMs) times.push(time);
    }
    return times;
  }
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(schedule?.trim() ?? '');
  const unitMs = rate ? (rate[2]?.startsWith('day') ? DAY_MS : rate[2]?.startsWith('hour') ? HOUR_MS : 60_000) : DAY_MS;
  const intervalMs = Math.max(DAY_MS, (rate ? Number(rate[1]) : 1) * unitMs);
  for (let time = toMs - offsetMinutes * 60_000; time >= fromMs; time -= intervalMs) times.unshift(time);
  return times;
}

// ---------- what uses the role ----------

function relies(task: MaintenanceWindowTask, role: IamRole): boolean {
  return task.ServiceRoleArn === undefined || task.ServiceRoleArn === '' || task.ServiceRoleArn === role.arn;
}

function instanceIdsOf(targets: ReadonlyArray<{ Key: string; Values: string[] }>): string[] {
  return targets.filter((target) => target.Key === 'InstanceIds').flatMap((target) => target.Values).filter((id) => id.startsWith('i-'));
}

/** The calls one maintenance-window task makes with the role's session (Lambda invocations are data events). */
export function describeTaskCalls(account: AccountState, region: string, task: MaintenanceWindowTask): SessionCall[] {
  const instanceArns = instanceIdsOf(task.Targets).map((id) => ({ ARN: `arn:${account.partition}:ec2:${region}:${account.accountId}:instance/${id}`, type: 'AWS::EC2::Instance' }));
  switch (task.Type) {
    case 'RUN_COMMAND':
      return [
        {
          eventSource: 'ssm.amazonaws.com',
          eventName: 'SendCommand',
          readOnly: false,
          requestParameters: { documentName: task.TaskArn, targets: task.Targets, maxConcurrency: task.MaxConcurrency, maxErrors: task.MaxErrors },
          resources: [{ ARN: `arn:${account.partition}:ssm:${region}::document/${task.TaskArn}`, type: 'AWS::SSM::Document' }, ...instanceArns],
        },
      ];
    case 'AUTOMATION':
      return [
        {
          eventSource: 'ssm.amazonaws.com',
          eventName: 'StartAutomationExecution',
          readOnly: false,
          requestParameters: { documentName: task.TaskArn, targets: task.Targets },
          resources: [{ ARN: `arn:${account.partition}:ssm:${region}::automation-definition/${task.TaskArn}`, type: 'AWS::SSM::Document' }],
        },
      ];
    case 'STEP_FUNCTIONS':
      return [
        {
          eventSource: 'states.amazonaws.com',
          eventName: 'StartExecution',
          readOnly: false,
          requestParameters: { stateMachineArn: task.TaskArn },
          resources: [{ ARN: task.TaskArn, type: 'AWS::StepFunctions::StateMachine' }],
        },
      ];
    case 'LAMBDA':
      return [];
  }
}

/** The calls inventory makes with the role for an association's tag or resource-group targets. */
export function describeInventoryCalls(account: AccountState, region: string, association: Association): SessionCall[] {
  const calls: SessionCall[] = [];
  for (const target of association.Targets) {
    if (target.Key.startsWith('tag:')) {
      calls.push({
        eventSource: 'tagging.amazonaws.com',
        eventName: 'GetResources',
        readOnly: true,
        requestParameters: { tagFilters: [{ key: target.Key.slice(4), values: target.Values }], resourceTypeFilters: ['ec2:instance'] },
        resources: [],
      });
    } else if (target.Key === 'resource-groups:Name') {
      for (const group of target.Values) {
        calls.push({
          eventSource: 'resource-groups.amazonaws.com',
          eventName: 'ListGroupResources',
          readOnly: true,
          requestParameters: { group },
          resources: [{ ARN: `arn:${account.partition}:resource-groups:${region}:${account.accountId}:group/${group}`, type: 'AWS::ResourceGroups::Group' }],
        });
      }
    }
  }
  if (calls.length > 0) {
    calls.push({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      readOnly: true,
      requestParameters: { instancesSet: {}, filterSet: {} },
      resources: [],
    });
  }
  return calls;
}

function windowRunSources(account: AccountState, role: IamRole, region: string, window: MaintenanceWindow, fromMs: number, toMs: number): RoleUseSource[] {
  if (!window.Enabled) return [];
  const calls = Object.values(window.tasks)
    .filter((task) => relies(task, role))
    .sort((left, right) => left.Priority - right.Priority)
    .flatMap((task) => describeTaskCalls(account, region, task));
  const relyingTaskCount = Object.values(window.tasks).filter((task) => relies(task, role)).length;
  if (relyingTaskCount === 0) return [];
  const start = Math.max(fromMs, Date.parse(window.CreatedDate));
  return [{ calls, runTimesMs: listRunTimes(window.Schedule, start, toMs, 2) }];
}

function inventorySources(account: AccountState, region: string, association: Association, fromMs: number, toMs: number, offsetMinutes: number): RoleUseSource[] {
  if (association.Name !== INVENTORY_DOCUMENT_NAME) return [];
  const calls = describeInventoryCalls(account, region, association);
  if (calls.length === 0) return [];
  const start = Math.max(fromMs, Date.parse(association.CreatedDate));
  return [{ calls, runTimesMs: listRunTimes(association.ScheduleExpression, start, toMs, offsetMinutes) }];
}

/** Everything in a region that makes Systems Manager assume the role, with its run times in [fromMs, toMs]. */
export function listRoleUseSources(account: AccountState, role: IamRole, region: string, fromMs: number, toMs: number): RoleUseSource[] {
  const state = account.regions[region];
  if (!state || state.optInStatus === 'not-opted-in') return [];
  const offset = 17 + (region.length * 7) % 40;
  return [
    ...Object.values(state.windows).flatMap((window) => windowRunSources(account, role, region, window, fromMs, toMs)),
    ...Object.values(state.associations).flatMap((association) => inventorySources(account, region, association, fromMs, toMs, offset)),
  ];
}

/** Sessions of one region: run times merged by the hour (one session serves every run in that hour). */
function planSessions(sources: readonly RoleUseSource[]): Array<{ timeMs: number; calls: SessionCall[] }> {
  const byHour = new Map<number, { timeMs: number; calls: SessionCall[] }>();
  for (const source of sources) {
    for (const time of source.runTimesMs) {
      const hour = Math.floor(time / HOUR_MS);
      const session = byHour.get(hour);
      if (session) {
        session.timeMs = Math.min(session.timeMs, time);
        session.calls.push(...source.calls);
      } else {
        byHour.set(hour, { timeMs: time, calls: [...source.calls] });
      }
    }
  }
  return [...byHour.values()].sort((left, right) => left.timeMs - right.timeMs);
}

export function sortEvents(events: TrailEvent[]): void {
  events.sort((left, right) => Date.parse(left.record.eventTime) - Date.parse(right.record.eventTime));
}

/** The newest AssumeRole of the role in the account's history, across regions. */
export function findNewestRoleUse(account: AccountState, roleArn: string): { timeMs: number; region: string } | undefined {
  let newest: { timeMs: number; region: string } | undefined;
  for (const [region, events] of Object.entries(account.cloudTrail ?? {})) {
    for (const event of events) {
      if (event.record.eventName !== 'AssumeRole' || event.record.requestParameters?.roleArn !== roleArn) continue;
      const timeMs = Date.parse(event.record.eventTime);
      if (!newest || timeMs > newest.timeMs) newest = { timeMs, region };
    }
  }
  return newest;
}

function addAccountHistory(account: AccountState, nowMs: number): void {
  const role = findServiceLinkedRole(account);
  if (!role) return;
  const ids = createSeededIds(`ssm-role-atlas/cloudtrail/${account.accountId}`);
  const createdMs = Date.parse(role.createDate);
  const fromMs = Math.max(createdMs, nowMs - HISTORY_DAYS * DAY_MS);
  const hint = role.roleLastUsed ? { timeMs: Date.parse(role.roleLastUsed.lastUsedDate), region: role.roleLastUsed.region } : undefined;
  // Nothing newer than the use IAM reports: that use is the newest event.
  const toMs = hint ? Math.min(nowMs, hint.timeMs - 1000) : nowMs;

  if (createdMs >= nowMs - HISTORY_DAYS * DAY_MS) {
    regionEvents(account, getGlobalEventRegion(account)).push(
      createCallerEvent(
        account,
        getGlobalEventRegion(account),
        createdMs,
        {
          eventSource: 'iam.amazonaws.com',
          eventName: 'CreateServiceLinkedRole',
          readOnly: false,
          requestParameters: { aWSServiceName: SERVICE_PRINCIPAL },
          resources: [{ ARN: role.arn, type: 'AWS::IAM::Role' }],
          accessKeyId: 'AKIASANDBOXADMINKEY1',
        },
        ids,
      ),
    );
  }

  for (const region of Object.keys(account.regions)) {
    const sources = listRoleUseSources(account, role, region, fromMs, toMs);
    const sessions = planSessions(sources).slice(-MAX_SESSIONS_PER_REGION);
    if (hint && hint.region === region && hint.timeMs >= fromMs) {
      sessions.push({ timeMs: hint.timeMs, calls: sources.flatMap((source) => source.calls).slice(0, 4) });
    }
    if (sessions.length === 0) continue;
    const events = regionEvents(account, region);
    for (const session of sessions) events.push(...createRoleSessionEvents(account, role, region, session.timeMs, session.calls, ids));
  }
  if (hint && hint.timeMs >= fromMs && !Object.keys(account.regions).includes(hint.region)) {
    // A region the account does not list: still recorded, so the newest event agrees with IAM.
    regionEvents(account, hint.region).push(...createRoleSessionEvents(account, role, hint.region, hint.timeMs, [], ids));
  }
  for (const events of Object.values(account.cloudTrail ?? {})) sortEvents(events);
  const newest = findNewestRoleUse(account, role.arn);
  if (newest) role.roleLastUsed = { lastUsedDate: new Date(newest.timeMs).toISOString(), region: newest.region };
}

/** Adds the event history every scenario carries, derived from its own state, to each account of `state`. */
export function addEventHistory(state: SandboxState, nowMs: number): SandboxState {
  for (const account of Object.values(state.accounts)) addAccountHistory(account, nowMs);
  return state;
}

// ---------- live recording ----------

const READ_PREFIXES = ['Get', 'List', 'Describe', 'Lookup', 'Simulate', 'Search', 'Batch'];
const EVENT_SOURCES: Record<string, string> = {
  iam: 'iam.amazonaws.com',
  sts: 'sts.amazonaws.com',
  ec2: 'ec2.amazonaws.com',
  ssm: 'ssm.amazonaws.com',
  tagging: 'tagging.amazonaws.com',
  'resource-groups': 'resource-groups.amazonaws.com',
  cloudtrail: 'cloudtrail.amazonaws.com',
};

/** Whether a call is recorded: CloudTrail's event history keeps management events; this sandbox keeps the writes. */
export function isRecordedOperation(service: string, operation: string): boolean {
  if (!(service in EVENT_SOURCES)) return false;
  if (operation === 'GenerateServiceLastAccessedDetails') return false;
  // CloudTrail marks AssumeRole read-only; recording it would also rewrite the whole state on every assumption.
  if (service === 'sts' && operation === 'AssumeRole') return false;
  return !READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}

/** lowerCamelCase request parameters, as CloudTrail writes them. */
function toRequestParameters(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = key.charAt(0).toLowerCase() + key.slice(1);
    out[name] = name === 'assumeRolePolicyDocument' || name === 'policyDocument' ? '(document)' : value;
  }
  return out;
}

function describeResources(account: AccountState, region: string, input: Record<string, unknown>): Array<{ ARN: string; type: string }> {
  const resources: Array<{ ARN: string; type: string }> = [];
  const roleName = typeof input.RoleName === 'string' ? input.RoleName : undefined;
  const role = roleName ? account.iam.roles[roleName] : undefined;
  if (role) resources.push({ ARN: role.arn, type: 'AWS::IAM::Role' });
  if (typeof input.ServiceRoleArn === 'string' && input.ServiceRoleArn !== '') resources.push({ ARN: input.ServiceRoleArn, type: 'AWS::IAM::Role' });
  if (typeof input.WindowId === 'string') {
    resources.push({ ARN: `arn:${account.partition}:ssm:${region}:${account.accountId}:maintenancewindow/${input.WindowId}`, type: 'AWS::SSM::MaintenanceWindow' });
  }
  return resources;
}

/**
 * Records a successful write call in the account's history (IAM and STS in us-east-1, us-gov-west-1 in GovCloud,
 * where CloudTrail keeps global services' events). Called after the handler, with the role as it now stands.
 */
export function recordApiCall(
  state: SandboxState,
  call: { accountId: string; region: string; service: string; operation: string; accessKeyId: string; caller: CallerIdentity; input: Record<string, unknown>; nowMs: number },
): void {
  const account = state.accounts[call.accountId];
  if (!account) return;
  const isGlobal = call.service === 'iam' || call.service === 'sts';
  const region = isGlobal ? getGlobalEventRegion(account) : call.region;
  const resources = describeResources(account, region, call.input);
  if (call.operation === 'CreateServiceLinkedRole') {
    const role = findServiceLinkedRole(account);
    if (role && !resources.some((resource) => resource.ARN === role.arn)) resources.push({ ARN: role.arn, type: 'AWS::IAM::Role' });
  }
  const event = createCallerEvent(
    account,
    region,
    call.nowMs,
    {
      eventSource: EVENT_SOURCES[call.service] ?? `${call.service}.amazonaws.com`,
      eventName: call.operation,
      readOnly: false,
      requestParameters: toRequestParameters(call.input),
      resources,
      accessKeyId: call.accessKeyId,
      caller: call.caller,
    },
    randomIds,
  );
  regionEvents(account, region).push(event);
}

/**
 * Records Systems Manager assuming the account's service-linked role now, in `region` (the sandbox never does it
 * by itself): the AssumeRole event, newest in the region's history, and the role's RoleLastUsed. Answers the
 * event's id and time, or why nothing was recorded.
 */
export function recordRoleUse(
  state: SandboxState,
  use: { accountId: string; region: string; nowMs: number },
): { ok: true; eventId: string; eventTime: string; region: string } | { ok: false; message: string } {
  const account = state.accounts[use.accountId];
  if (!account) return { ok: false, message: `Account ${use.accountId} is not in the sandbox.` };
  const role = findServiceLinkedRole(account);
  if (!role) return { ok: false, message: `${ROLE_NAME} does not exist in account ${use.accountId}: nothing can assume it.` };
  const regionState = account.regions[use.region];
  if (!regionState || regionState.optInStatus === 'not-opted-in') return { ok: false, message: `${use.region} is not enabled in account ${use.accountId}.` };
  const [assumeRole] = createRoleSessionEvents(account, role, use.region, use.nowMs, [], randomIds);
  const events = regionEvents(account, use.region);
  events.push(assumeRole!);
  sortEvents(events);
  role.roleLastUsed = { lastUsedDate: new Date(Date.parse(assumeRole!.record.eventTime)).toISOString(), region: use.region };
  return { ok: true, eventId: assumeRole!.record.eventID, eventTime: assumeRole!.record.eventTime, region: use.region };
}

/** Drops events older than CloudTrail keeps, so the history stays the size AWS keeps. */
export function pruneHistory(account: AccountState, nowMs: number): void {
  const oldestMs = nowMs - HISTORY_DAYS * DAY_MS;
  for (const [region, events] of Object.entries(account.cloudTrail ?? {})) {
    const firstKept = events.findIndex((event) => Date.parse(event.record.eventTime) >= oldestMs);
    if (firstKept > 0) account.cloudTrail![region] = events.slice(firstKept);
    else if (firstKept < 0) account.cloudTrail![region] = [];
  }
}
