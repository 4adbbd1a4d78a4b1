import { z } from 'zod';
import { createAssumedRoleArn, issueSessionCredentials } from '../credentials';
import { getAccountPartition, isArnOfPartition } from '../partition';
import { isAssumeRoleAllowed } from '../trust-policy';
import { SandboxError, type HandlerContext, type SandboxState, type ServiceDefinition } from '../types';
import { parseInput } from './aws-input';

// STS: who is calling (GetCallerIdentity), and AssumeRole, which hands out session credentials that act in the
// role's account (sandbox/credentials.ts).

const DEFAULT_SESSION_SECONDS = 3600;
/** AWS caps a session obtained with role-session credentials (role chaining) at one hour. */
const CHAINED_SESSION_LIMIT_SECONDS = 3600;

const ROLE_ARN_PATTERN = /^arn:aws[\w-]*:iam::(\d{12}):role(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]{1,64})$/;

const assumeRoleSchema = z.object({
  RoleArn: z.string().min(20).max(2048),
  RoleSessionName: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[\w+=,.@-]*$/),
  DurationSeconds: z.coerce.number().int().min(900).max(43_200).optional(),
  ExternalId: z
    .string()
    .min(2)
    .max(1224)
    .regex(/^[\w+=,.@:/-]*$/)
    .optional(),
});

function getCallerIdentity(ctx: HandlerContext): unknown {
  return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
}

/** Whether the account is in an organization and suspended or closing: its roles cannot be assumed. */
function isAccountUnavailable(state: SandboxState, accountId: string): boolean {
  const status = state.organization?.accounts[accountId]?.state;
  return status !== undefined && status !== 'ACTIVE';
}

function assumeRole(ctx: HandlerContext, rawInput: Record<string, unknown>): unknown {
  const input = parseInput(assumeRoleSchema, rawInput, 'ValidationError');
  if (!input.RoleArn.startsWith('arn:') || input.RoleArn.split(':').length < 6) {
    throw new SandboxError('ValidationError', `${input.RoleArn} is invalid`, 400);
  }
  const isCallerRegionEnabled = ctx.store.read((state) => {
    const region = state.accounts[ctx.caller.accountId]?.regions[ctx.region];
    return region === undefined || region.optInStatus !== 'not-opted-in';
  });
  if (!isCallerRegionEnabled) {
    throw new SandboxError(
      'RegionDisabledException',
      `STS is not activated in this region for account:${ctx.caller.accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
      403,
    );
  }
  const denied = new SandboxError(
    'AccessDenied',
    `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
    403,
  );
  const [, accountId = '', path = '/', roleName = ''] = ROLE_ARN_PATTERN.exec(input.RoleArn) ?? [];
  // A role of another partition is never found, as in AWS.
  if (!accountId || !isArnOfPartition(input.RoleArn, ctx.partition)) throw denied;
  const role = ctx.store.read((state) => {
    if (isAccountUnavailable(state, accountId)) return undefined;
    const roles = state.accounts[accountId]?.iam.roles ?? {};
    const found = Object.values(roles).find((candidate) => candidate.roleName.toLowerCase() === roleName.toLowerCase());
    return found && found.path === path && !found.isServiceLinked && getAccountPartition(state, accountId) === ctx.partition ? structuredClone(found) : undefined;
  });
  if (!role || !isAssumeRoleAllowed(role.assumeRolePolicyDocument, { caller: ctx.caller, externalId: input.ExternalId })) throw denied;
  const durationSeconds = input.DurationSeconds ?? DEFAULT_SESSION_SECONDS;
  if (ctx.caller.kind === 'assumed-role' && durationSeconds > CHAINED_SESSION_LIMIT_SECONDS) {
    throw new SandboxError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
  }
  if (durationSeconds > role.maxSessionDuration) {
    throw new SandboxError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
  }
  // AWS gives expirations to the second.
  const expirationMs = Math.floor(ctx.nowMs / 1000) * 1000 + durationSeconds * 1000;
  const credentials = issueSessionCredentials({
    accountId,
    roleArn: role.arn,
    roleId: role.roleId,
    roleName: role.roleName,
    sessionName: input.RoleSessionName,
    expirationMs,
  });
  return {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
      Arn: createAssumedRoleArn(accountId, role.roleName, input.RoleSessionName, ctx.partition),
    },
  };
}

export const stsService: ServiceDefinition = {
  service: 'sts',
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
  },
};
