import { fingerprintRequest, randomIds, takePage } from '../ids';
import { findManagedPolicy } from '../policies';
import { SandboxError, type AccountState, type HandlerContext, type IamRole, type OperationHandler, type TrailEvent } from '../types';
import { getAccount } from './ssm';

// IAM Access Advisor: GenerateServiceLastAccessedDetails starts a report job on a role; the job answers
// IN_PROGRESS for the configured time, then COMPLETED (or FAILED when the sandbox is told to fail jobs). The
// report lists every service the role's policies grant, with the last use read from the account's CloudTrail
// history: calls made with the role's sessions.

const JOB_ID_PATTERN = /^[0-9a-f-]{36}$/;
/** Services that report action-level last use (IAM's action last accessed list, for the namespaces used here). */
const ACTION_TRACKED_NAMESPACES = new Set(['ec2', 'iam', 'lambda', 's3']);

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  cloudformation: 'AWS CloudFormation',
  cloudwatch: 'Amazon CloudWatch',
  'compute-optimizer': 'AWS Compute Optimizer',
  config: 'AWS Config',
  ec2: 'Amazon EC2',
  events: 'Amazon EventBridge',
  iam: 'AWS Identity and Access Management',
  lambda: 'AWS Lambda',
  organizations: 'AWS Organizations',
  'resource-explorer-2': 'AWS Resource Explorer',
  'resource-groups': 'AWS Resource Groups',
  securityhub: 'AWS Security Hub',
  ssm: 'AWS Systems Manager',
  states: 'AWS Step Functions',
  support: 'AWS Support',
  tag: 'Amazon Resource Group Tagging API',
};

/** The IAM namespace of an event source (tagging.amazonaws.com is the tag: namespace). */
export function namespaceOfEventSource(eventSource: string): string {
  const name = eventSource.replace(/\.amazonaws\.com$/, '');
  return name === 'tagging' ? 'tag' : name;
}

function validationError(field: string, value: unknown, constraint: string): SandboxError {
  return new SandboxError('ValidationError', `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`, 400);
}

function findRoleByArn(account: AccountState, arn: string): IamRole | undefined {
  return Object.values(account.iam.roles).find((role) => role.arn === arn);
}

/** Every action the role's attached managed policies (default versions) and inline policies allow. */
function listGrantedActions(role: IamRole): string[] {
  const documents: unknown[] = [];
  for (const policyArn of role.attachedPolicyArns) {
    const policy = findManagedPolicy(policyArn);
    const version = policy?.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
    if (version) documents.push(version.document);
  }
  for (const text of Object.values(role.inlinePolicies)) {
    try {
      documents.push(JSON.parse(text));
    } catch {
      // An unreadable inline policy grants nothing here.
    }
  }
  const actions = new Set<string>();
  for (const document of documents) {
    const statements = (document as { Statement?: unknown }).Statement;
    for (const statement of Array.isArray(statements) ? statements : [statements]) {
      if (!statement || typeof statement !== 'object' || (statement as { Effect?: unknown }).Effect !== 'Allow') continue;
      const action = (statement as { Action?: unknown }).Action;
      for (const name of Array.isArray(action) ? action : [action]) if (typeof name === 'string') actions.add(name);
    }
  }
  return [...actions];
}

function isRoleSessionCall(event: TrailEvent, roleArn: string): boolean {
  return event.record.userIdentity.type === 'AssumedRole' && event.record.userIdentity.sessionContext?.sessionIssuer.arn === roleArn;
}

interface LastUse {
  timeMs: number;
  region: string;
}

function newer(current: LastUse | undefined, timeMs: number, region: string): LastUse {
  return current && current.timeMs >= timeMs ? current : { timeMs, region };
}

/** The report: one entry per granted service namespace, sorted by namespace. */
export function buildServiceReport(account: AccountState, role: IamRole, granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL', asOfMs: number): Array<Record<string, unknown>> {
  const granted = listGrantedActions(role);
  const namespaces = [...new Set(granted.map((action) => action.split(':')[0] ?? ''))].filter((name) => name !== '').sort();
  const serviceUse = new Map<string, LastUse>();
  const actionUse = new Map<string, LastUse>();
  for (const [region, events] of Object.entries(account.cloudTrail ?? {})) {
    for (const event of events) {
      if (!isRoleSessionCall(event, role.arn)) continue;
      const timeMs = Date.parse(event.record.eventTime);
      if (timeMs > asOfMs) continue;
      const namespace = namespaceOfEventSource(event.record.eventSource);
      serviceUse.set(namespace, newer(serviceUse.get(namespace), timeMs, region));
      const action = `${namespace}:${event.record.eventName}`;
      actionUse.set(action, newer(actionUse.get(action), timeMs, region));
    }
  }
  return namespaces.map((namespace) => {
    const use = serviceUse.get(namespace);
    const entry: Record<string, unknown> = {
      ServiceName: SERVICE_NAMES[namespace] ?? namespace,
      ServiceNamespace: namespace,
      TotalAuthenticatedEntities: use ? 1 : 0,
    };
    if (use) {
      entry.LastAuthenticated = new Date(use.timeMs);
      entry.LastAuthenticatedEntity = role.arn;
      entry.LastAuthenticatedRegion = use.region;
    }
    if (granularity === 'ACTION_LEVEL' && ACTION_TRACKED_NAMESPACES.has(namespace)) {
      const actions = granted.filter((action) => action.startsWith(`${namespace}:`)).sort();
      entry.TrackedActionsLastAccessed = actions.map((action) => {
        const actionLastUse = actionUse.get(action);
        const tracked: Record<string, unknown> = { ActionName: action.slice(namespace.length + 1) };
        if (actionLastUse) {
          tracked.LastAccessedEntity = role.arn;
          tracked.LastAccessedTime = new Date(actionLastUse.timeMs);
          tracked.LastAccessedRegion = actionLastUse.region;
        }
        return tracked;
      });
    }
    return entry;
  });
}

const generateServiceLastAccessedDetails: OperationHandler = async (ctx: HandlerContext, input) => {
  const arn = input.Arn;
  if (typeof arn !== 'string' || arn.length < 20 || arn.length > 2048) {
    throw validationError('arn', arn, 'Member must have length greater than or equal to 20');
  }
  const granularity = input.Granularity ?? 'SERVICE_LEVEL';
  if (granularity !== 'SERVICE_LEVEL' && granularity !== 'ACTION_LEVEL') {
    throw validationError('granularity', granularity, 'Member must satisfy enum value set: [ACTION_LEVEL, SERVICE_LEVEL]');
  }
  const settings = ctx.store.accessAdvisor;
  return ctx.store.mutate((state) => {
    const account = getAccount(state, ctx);
    if (!findRoleByArn(account, arn)) throw new SandboxError('NoSuchEntity', `The entity ${arn} cannot be found.`, 404);
    const jobId = randomIds.uuid();
    account.accessAdvisorJobs ??= {};
    account.accessAdvisorJobs[jobId] = {
      jobId,
      arn,
      granularity,
      createdAtMs: ctx.nowMs,
      completeAtMs: ctx.nowMs + settings.jobDurationMs,
      fails: settings.failJobs,
    };
    return { JobId: jobId };
  });
};

const getServiceLastAccessedDetails: OperationHandler = (ctx, input) => {
  const jobId = input.JobId;
  if (typeof jobId !== 'string' || !JOB_ID_PATTERN.test(jobId)) {
    throw validationError('jobId', jobId, 'Member must have length less than or equal to 36');
  }
  const maxItems = input.MaxItems === undefined ? 100 : Number(input.MaxItems);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw validationError('maxItems', input.MaxItems, 'Member must have value between 1 and 1000');
  }
  return ctx.store.read((state) => {
    const account = getAccount(state, ctx);
    const job = account.accessAdvisorJobs?.[jobId];
    if (!job) throw new SandboxError('NoSuchEntity', `No report job with id ${jobId} was found.`, 404);
    const common = {
      JobType: job.granularity,
      JobCreationDate: new Date(job.createdAtMs),
    };
    if (ctx.nowMs < job.completeAtMs) return { JobStatus: 'IN_PROGRESS', ...common, ServicesLastAccessed: [], IsTruncated: false };
    if (job.fails) {
      return {
        JobStatus: 'FAILED',
        ...common,
        JobCompletionDate: new Date(job.completeAtMs),
        ServicesLastAccessed: [],
        IsTruncated: false,
        Error: { Code: 'ServiceFailure', Message: 'The report could not be generated. Generate a new report.' },
      };
    }
    const role = findRoleByArn(account, job.arn);
    const services = role ? buildServiceReport(account, role, job.granularity, job.createdAtMs) : [];
    const marker = typeof input.Marker === 'string' && input.Marker !== '' ? input.Marker : undefined;
    const page = takePage(services, (service) => String(service.ServiceNamespace), maxItems, marker, fingerprintRequest(['GetServiceLastAccessedDetails', jobId]));
    if (!page) throw new SandboxError('InvalidInput', 'The Marker is not valid for this report.', 400);
    return {
      JobStatus: 'COMPLETED',
      ...common,
      JobCompletionDate: new Date(job.completeAtMs),
      ServicesLastAccessed: page.items,
      IsTruncated: page.nextToken !== undefined,
      ...(page.nextToken ? { Marker: page.nextToken } : {}),
    };
  });
};

/** Access Advisor's operations, served as part of IAM. */
export const accessAdvisorOperations: Record<string, OperationHandler> = {
  GenerateServiceLastAccessedDetails: generateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails: getServiceLastAccessedDetails,
};
