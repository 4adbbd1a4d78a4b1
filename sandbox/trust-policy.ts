import type { CallerIdentity } from './credentials';

// Whether a role's trust policy lets a caller call sts:AssumeRole, as IAM decides it for the parts the sandbox
// models: Allow and Deny statements, `Principal` (`*`, AWS account ids, `:root`, user, role and assumed-role ARNs),
// `Action` with wildcards, and conditions on `sts:ExternalId` (StringEquals, StringLike and their negations,
// IgnoreCase forms, and `IfExists`). A condition on any other key is treated as not met, so an Allow that
// depends on it does not apply and a Deny that depends on it does not either.

export interface AssumeRoleRequestContext {
  caller: CallerIdentity;
  externalId?: string;
}

type Json = unknown;

function asList(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value);
}

function matchesAction(statement: Record<string, Json>): boolean {
  return asList(statement.Action).some((action) => typeof action === 'string' && matchesWildcard(action, 'sts:AssumeRole', true));
}

/** Whether one `Principal.AWS` entry names the caller. */
function namesCaller(entry: string, caller: CallerIdentity): boolean {
  if (entry === '*') return true;
  if (entry === caller.accountId || entry === `arn:${caller.arn.split(':')[1]}:iam::${caller.accountId}:root`) return true;
  if (entry === caller.arn) return true;
  return caller.kind === 'assumed-role' && entry === caller.roleArn;
}

function matchesPrincipal(statement: Record<string, Json>, caller: CallerIdentity): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  return asList((principal as Record<string, Json>).AWS).some((entry) => typeof entry === 'string' && namesCaller(entry, caller));
}

const STRING_OPERATORS: Record<string, { like: boolean; ignoreCase: boolean; negated: boolean }> = {
  StringEquals: { like: false, ignoreCase: false, negated: false },
  StringNotEquals: { like: false, ignoreCase: false, negated: true },
  StringEqualsIgnoreCase: { like: false, ignoreCase: true, negated: false },
  StringNotEqualsIgnoreCase: { like: false, ignoreCase: true, negated: true },
  StringLike: { like: true, ignoreCase: false, negated: false },
  StringNotLike: { like: true, ignoreCase: false, negated: true },
};

function isConditionMet(operatorName: string, key: string, expected: Json, context: AssumeRoleRequestContext): boolean {
  const ifExists = operatorName.endsWith('IfExists');
  const operator = STRING_OPERATORS[ifExists ? operatorName.slice(0, -'IfExists'.length) : operatorName];
  if (!operator || key.toLowerCase() !== 'sts:externalid') return false;
  const actual = context.externalId;
  if (actual === undefined) return ifExists || operator.negated;
  const anyMatch = asList(expected).some((value) => {
    if (typeof value !== 'string') return false;
    if (operator.like) return matchesWildcard(value, actual, operator.ignoreCase);
    return operator.ignoreCase ? value.toLowerCase() === actual.toLowerCase() : value === actual;
  });
  return operator.negated ? !anyMatch : anyMatch;
}

function areConditionsMet(statement: Record<string, Json>, context: AssumeRoleRequestContext): boolean {
  const condition = statement.Condition;
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return false;
  return Object.entries(condition as Record<string, Json>).every(([operatorName, keys]) => {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) return false;
    return Object.entries(keys as Record<string, Json>).every(([key, expected]) => isConditionMet(operatorName, key, expected, context));
  });
}

/** True when the trust policy (JSON text) allows the call and no Deny statement refuses it. */
export function isAssumeRoleAllowed(trustPolicyJson: string, context: AssumeRoleRequestContext): boolean {
  let document: Json;
  try {
    document = JSON.parse(trustPolicyJson);
  } catch {
    return false;
  }
  if (typeof document !== 'object' || document === null) return false;
  const statements = asList((document as Record<string, Json>).Statement).filter(
    (statement): statement is Record<string, Json> => typeof statement === 'object' && statement !== null && !Array.isArray(statement),
  );
  const applying = statements.filter(
    (statement) => matchesAction(statement) && matchesPrincipal(statement, context.caller) && areConditionsMet(statement, context),
  );
  if (applying.some((statement) => statement.Effect === 'Deny')) return false;
  return applying.some((statement) => statement.Effect === 'Allow');
}
