import { createHash } from 'node:crypto';
import {
  getManagedPolicyArn,
  ROLE_DEFAULT_DESCRIPTION,
  ROLE_NAME,
  ROLE_PATH,
  SERVICE_PRINCIPAL,
} from '../lib/role/constants';
import { ADMINISTRATOR_ACCESS_POLICY_ARN } from './policies/administrator-access';
import { toPartitionArn } from './partition';
import type { IamRole, Partition } from './types';

// Builders for IAM role records as the sandbox stores them: the SSM service-linked role and ordinary roles.

const ROLE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An IAM role id (AROA + 17 upper-case alphanumerics), derived from a seed so scenarios are reproducible. */
export function createRoleId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let suffix = '';
  for (let index = 0; index < 17; index += 1) {
    suffix += ROLE_ID_ALPHABET[(digest[index] ?? 0) % ROLE_ID_ALPHABET.length];
  }
  return `AROA${suffix}`;
}

/** A trust policy letting one AWS service principal assume the role. */
export function createServiceTrustPolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole' }],
  });
}

export function createRoleArn(accountId: string, path: string, roleName: string, partition: Partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role${path}${roleName}`;
}

/** The AWSServiceRoleForAmazonSSM record exactly as AWS creates it. */
export function createServiceLinkedRoleRecord(accountId: string, nowIso: string, description?: string, partition: Partition = 'aws'): IamRole {
  return {
    roleName: ROLE_NAME,
    path: ROLE_PATH,
    roleId: createRoleId(`${accountId}|${ROLE_NAME}|${nowIso}`),
    arn: createRoleArn(accountId, ROLE_PATH, ROLE_NAME, partition),
    createDate: nowIso,
    description: description ?? ROLE_DEFAULT_DESCRIPTION,
    maxSessionDuration: 3600,
    assumeRolePolicyDocument: createServiceTrustPolicy(SERVICE_PRINCIPAL),
    attachedPolicyArns: [getManagedPolicyArn(partition)],
    inlinePolicies: {},
    tags: [],
    isServiceLinked: true,
  };
}

export interface RoleRecordOptions {
  accountId: string;
  /** The account's partition; commercial unless given. */
  partition?: Partition;
  roleName: string;
  createDate: string;
  /** Defaults to `/`. */
  path?: string;
  description?: string;
  /** Trust policy JSON; defaults to a trust of `trustedService` (or ssm.amazonaws.com). */
  assumeRolePolicyDocument?: string;
  trustedService?: string;
  attachedPolicyArns?: string[];
  inlinePolicies?: Record<string, string>;
  maxSessionDuration?: number;
  roleLastUsed?: { lastUsedDate: string; region: string };
  tags?: Array<{ Key: string; Value: string }>;
}

/** An ordinary (customer-managed) role record, e.g. a custom maintenance-window role. */
export function createRoleRecord(options: RoleRecordOptions): IamRole {
  const path = options.path ?? '/';
  const role: IamRole = {
    roleName: options.roleName,
    path,
    roleId: createRoleId(`${options.accountId}|${options.roleName}|${options.createDate}`),
    arn: createRoleArn(options.accountId, path, options.roleName, options.partition),
    createDate: options.createDate,
    maxSessionDuration: options.maxSessionDuration ?? 3600,
    assumeRolePolicyDocument:
      options.assumeRolePolicyDocument ?? createServiceTrustPolicy(options.trustedService ?? SERVICE_PRINCIPAL),
    attachedPolicyArns: (options.attachedPolicyArns ?? []).map((arn) => toPartitionArn(arn, options.partition ?? 'aws')),
    inlinePolicies: { ...(options.inlinePolicies ?? {}) },
    tags: [...(options.tags ?? [])],
    isServiceLinked: false,
  };
  if (options.description !== undefined) role.description = options.description;
  if (options.roleLastUsed) role.roleLastUsed = { ...options.roleLastUsed };
  return role;
}

/** The role AWS Organizations creates in accounts it creates, for the management account to administer them. */
export const ORGANIZATION_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';

/** A trust policy letting principals of another account assume the role, with an external id when one is given. */
export function createAccountTrustPolicy(trustedAccountId: string, externalId?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` },
        Action: 'sts:AssumeRole',
        ...(externalId === undefined ? {} : { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }),
      },
    ],
  });
}

/** A member account's administrator role trusting the management account, as Organizations creates it. */
export function createAccountAccessRoleRecord(options: {
  accountId: string;
  trustedAccountId: string;
  createDate: string;
  roleName?: string;
  externalId?: string;
}): IamRole {
  return createRoleRecord({
    accountId: options.accountId,
    roleName: options.roleName ?? ORGANIZATION_ACCESS_ROLE_NAME,
    createDate: options.createDate,
    assumeRolePolicyDocument: createAccountTrustPolicy(options.trustedAccountId, options.externalId),
    attachedPolicyArns: [ADMINISTRATOR_ACCESS_POLICY_ARN],
  });
}
