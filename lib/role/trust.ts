import type { PolicyDocument, PolicyPrincipal } from '@/lib/aws/policy-document';
import { SERVICE_PRINCIPAL } from './constants';

// Judges a role's trust policy: the service-linked role must trust ssm.amazonaws.com and nobody else.

export interface TrustVerdict {
  isTrustedOnlyBySsm: boolean;
  /** Every principal an Allow statement lets assume the role, as `Type: value` (e.g. `Service: ssm.amazonaws.com`). */
  principals: string[];
  /** The principals other than the SSM service, named for the warning. */
  otherPrincipals: string[];
  /** One sentence for the page. */
  summary: string;
  /** Further problems (NotPrincipal, wildcard principals, conditions), each a sentence. */
  warnings: string[];
}

// In a trust policy every STS action (AssumeRole, TagSession, SetSourceIdentity…) is part of assuming the role.
function grantsAssumeRole(actions: string[]): boolean {
  return actions.some((action) => action === '*' || /^sts:/i.test(action));
}

function describePrincipal(principal: PolicyPrincipal): string[] {
  if (principal === '*') return ['anyone (*)'];
  return Object.entries(principal).flatMap(([type, values]) => values.map((value) => (value === '*' ? `${type}: anyone (*)` : `${type}: ${value}`)));
}

export function getTrustVerdict(document: PolicyDocument): TrustVerdict {
  const principals: string[] = [];
  const warnings: string[] = [];
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow') continue;
    if (statement.notPrincipal) {
      warnings.push('An Allow statement uses NotPrincipal: everyone except the named principals may assume the role.');
    }
    if (statement.notActions.length > 0) {
      warnings.push('An Allow statement uses NotAction, which grants more than sts:AssumeRole.');
    }
    if (!grantsAssumeRole(statement.actions) && statement.notActions.length === 0) continue;
    if (statement.principal) principals.push(...describePrincipal(statement.principal));
    if (statement.condition) warnings.push('The trust policy carries conditions; review them in the raw document.');
  }
  const expected = `Service: ${SERVICE_PRINCIPAL}`;
  const unique = [...new Set(principals)];
  const otherPrincipals = unique.filter((principal) => principal !== expected);
  const trustsSsm = unique.includes(expected);
  const isTrustedOnlyBySsm = trustsSsm && otherPrincipals.length === 0 && warnings.every((warning) => !/NotPrincipal|NotAction/.test(warning));

  let summary: string;
  if (isTrustedOnlyBySsm) summary = `Trusts only ${SERVICE_PRINCIPAL}.`;
  else if (!trustsSsm) {
    const instead = otherPrincipals.length > 0 ? `; it trusts ${otherPrincipals.join(', ')} instead` : '';
    summary = `Does not let ${SERVICE_PRINCIPAL} assume the role${instead}: Systems Manager cannot use it.`;
  } else if (otherPrincipals.length > 0) summary = `Also trusts ${otherPrincipals.join(', ')}: a service-linked role should trust only ${SERVICE_PRINCIPAL}.`;
  else summary = `Trusts ${SERVICE_PRINCIPAL}, with unusual statements to review.`;
  return { isTrustedOnlyBySsm, principals: unique, otherPrincipals, summary, warnings: [...new Set(warnings)] };
}
