import { readFileSync } from 'node:fs';
import path from 'node:path';

// Checks that the IAM policies documented in docs/iam cover every AWS action the dashboard really calls, as the
// sandbox's call log records them (service + operation).

const IAM_PREFIX_BY_SERVICE: Record<string, string> = {
  ssm: 'ssm',
  tagging: 'tag',
  'resource-groups': 'resource-groups',
  ec2: 'ec2',
  iam: 'iam',
  sts: 'sts',
  organizations: 'organizations',
  cloudtrail: 'cloudtrail',
};

export interface CalledOperation {
  service: string;
  operation: string;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** The IAM action a call needs, e.g. {service: 'tagging', operation: 'GetResources'} → tag:GetResources. */
export function toIamAction(call: CalledOperation): string {
  const prefix = IAM_PREFIX_BY_SERVICE[call.service];
  if (!prefix) throw new Error(`No IAM action prefix is known for the service “${call.service}”.`);
  if (!/^[A-Za-z0-9]+$/.test(call.operation)) throw new Error(`“${call.operation}” is not an operation name.`);
  return `${prefix}:${call.operation}`;
}

/** The distinct IAM actions behind a list of calls, sorted. */
export function getCalledActions(calls: readonly CalledOperation[]): string[] {
  return [...new Set(calls.map(toIamAction))].sort();
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM action matching: case-insensitive, `*` for any run of characters and `?` for one. */
export function matchesActionPattern(pattern: string, action: string): boolean {
  const expression = pattern
    .split('')
    .map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${expression}$`, 'i').test(action);
}

function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

/** True when some Allow statement names the action (by pattern) and no Deny statement does. */
export function isActionAllowed(action: string, policies: readonly PolicyDocument[]): boolean {
  const statements = policies.flatMap(statementsOf);
  const named = (statement: PolicyStatement) =>
    statement.Action !== undefined
      ? toList(statement.Action).some((pattern) => matchesActionPattern(pattern, action))
      : statement.NotAction !== undefined && !toList(statement.NotAction).some((pattern) => matchesActionPattern(pattern, action));
  if (statements.some((statement) => statement.Effect === 'Deny' && named(statement))) return false;
  return statements.some((statement) => statement.Effect === 'Allow' && named(statement));
}

/** The actions of these calls that the policies do not allow. */
export function findUncoveredActions(calls: readonly CalledOperation[], policies: readonly PolicyDocument[]): string[] {
  return getCalledActions(calls).filter((action) => !isActionAllowed(action, policies));
}

/** Every action the policies allow (as written, wildcards included). */
export function listAllowedActions(policies: readonly PolicyDocument[]): string[] {
  return [...new Set(policies.flatMap(statementsOf).filter((statement) => statement.Effect === 'Allow').flatMap((statement) => toList(statement.Action)))].sort();
}

export const AUDIT_POLICY_PATH = 'docs/iam/audit-policy.json';
export const LIFECYCLE_POLICY_PATH = 'docs/iam/lifecycle-policy.json';
export const ORG_MANAGEMENT_POLICY_PATH = 'docs/iam/org-management-policy.json';
export const ORG_MEMBER_TRUST_POLICY_PATH = 'docs/iam/org-member-trust-policy.json';

export function readPolicyDocument(relativePath: string, root = process.cwd()): PolicyDocument {
  return JSON.parse(readFileSync(path.join(root, relativePath), 'utf8')) as PolicyDocument;
}
