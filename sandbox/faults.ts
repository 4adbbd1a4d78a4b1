import { z } from 'zod';
import {
  createAccessDeniedError,
  createInternalFailureError,
  createRoleInUseError,
  createThrottlingError,
} from './protocols/errors';
import { TokenBuckets } from '../lib/token-bucket';
import type { SandboxError, ServiceName } from './types';

// Injected failures: latency, throttling, server errors, hanging calls, busy clean-up calls and access denials,
// each matched by service, operation, region and account (an omitted field matches everything).

const serviceNames = ['iam', 'sts', 'ec2', 'ssm', 'tagging', 'resource-groups', 'cloudtrail', 'organizations'] as const;

export const faultSpecSchema = z
  .object({
    service: z.enum(serviceNames).optional(),
    operation: z.string().min(1).max(128).optional(),
    region: z.string().min(1).max(64).optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/, { error: 'an account id is 12 digits' })
      .optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    jitterMs: z.number().int().min(0).max(600_000).optional(),
    throttle: z
      .object({ ratePerSecond: z.number().min(0).max(1_000_000), burst: z.number().int().min(0).max(1_000_000) })
      .strict()
      .optional(),
    errorRate: z.number().min(0).max(1).optional(),
    hang: z.boolean().optional(),
    busy: z.boolean().optional(),
    accessDenied: z.boolean().optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const faultListSchema = z.array(faultSpecSchema).max(1_000);

/** Parses a fault list from JSON text or a value; throws an Error that says what is wrong. */
export function parseFaultList(value: unknown): FaultSpec[] {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch (error) {
      throw new Error(`Fault list is not valid JSON: ${(error as Error).message}`);
    }
  }
  const result = faultListSchema.safeParse(candidate);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(list)'}: ${issue.message}`).join('; ');
    throw new Error(`Invalid fault list: ${details}`);
  }
  return result.data;
}

/** Mutating clean-up calls that a `busy` fault refuses while Systems Manager is using the role. */
export const BUSY_OPERATIONS: Partial<Record<ServiceName, readonly string[]>> = {
  ssm: ['UpdateMaintenanceWindowTask', 'DeregisterTaskFromMaintenanceWindow', 'DeleteAssociation'],
  'resource-groups': ['DeleteGroup'],
  tagging: ['UntagResources'],
};

export function isBusyOperation(service: ServiceName, operation: string): boolean {
  return BUSY_OPERATIONS[service]?.includes(operation) ?? false;
}

export interface FaultCall {
  service: ServiceName;
  operation: string;
  region: string;
  /** The account the call acts in. */
  accountId: string;
  /** The caller, named in access-denied messages. */
  callerArn: string;
}

/** What the faults do to one call: wait `delayMs`, then hang, fail with `error`, or go on. */
export interface FaultPlan {
  delayMs: number;
  hang: boolean;
  error?: SandboxError;
}

function matches(spec: FaultSpec, call: FaultCall): boolean {
  return (
    (spec.service === undefined || spec.service === call.service) &&
    (spec.operation === undefined || spec.operation === call.operation) &&
    (spec.region === undefined || spec.region === call.region) &&
    (spec.accountId === undefined || spec.accountId === call.accountId)
  );
}

export class FaultInjector {
  private faults: FaultSpec[] = [];
  // One bucket per (fault, account, service, region): AWS throttles per account, region and API family.
  private buckets = new TokenBuckets();

  constructor(
    faults: FaultSpec[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.set(faults);
  }

  set(faults: FaultSpec[]): void {
    this.faults = faults.map((fault) => ({ ...fault }));
    this.buckets = new TokenBuckets();
  }

  list(): FaultSpec[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  get isEmpty(): boolean {
    return this.faults.length === 0;
  }

  plan(call: FaultCall, nowMs: number): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, hang: false };
    if (this.faults.length === 0) return plan;
    let isThrottled = false;
    let isFailing = false;
    let isDenied = false;
    let isBusy = false;
    this.faults.forEach((fault, index) => {
      if (!matches(fault, call)) return;
      plan.delayMs += (fault.latencyMs ?? 0) + Math.floor((fault.jitterMs ?? 0) * this.random());
      if (fault.hang) plan.hang = true;
      if (fault.accessDenied) isDenied = true;
      if (fault.throttle && !this.buckets.take(`${index}|${call.accountId}|${call.service}|${call.region}`, fault.throttle, nowMs)) isThrottled = true;
      if (fault.errorRate !== undefined && fault.errorRate > 0 && this.random() < fault.errorRate) isFailing = true;
      if (fault.busy && isBusyOperation(call.service, call.operation)) isBusy = true;
    });
    if (isDenied) plan.error = createAccessDeniedError(call.service, call.operation, call.callerArn, call.accountId, call.region);
    else if (isThrottled) plan.error = createThrottlingError(call.service);
    else if (isFailing) plan.error = createInternalFailureError(call.service);
    else if (isBusy) plan.error = createRoleInUseError(call.service, call.operation, call.region);
    return plan;
  }
}
