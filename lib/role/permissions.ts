import type { ConditionValue, PolicyDocument } from '@/lib/aws/policy-document';
import { findActionInfo, getServiceLabel, getServicePrefix, type Capability } from './action-catalogue';

// Groups a policy's statements by AWS service, each action with its explanation, capability and scope.

export interface ExplainedAction {
  action: string;
  effect: 'Allow' | 'Deny';
  /** Plain words; undefined for an action this dashboard has no explanation for. */
  explanation?: string;
  capability?: Capability;
  resources: string[];
  /** Conditions of the granting statement, one line each (`StringEquals iam:PassedToService = ssm.amazonaws.com`). */
  conditions: string[];
}

export interface ServiceGroup {
  prefix: string;
  label: string;
  actions: ExplainedAction[];
}

function describeConditions(condition: Record<string, Record<string, ConditionValue[]>> | undefined): string[] {
  if (!condition) return [];
  return Object.entries(condition).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => `${operator} ${key} = ${values.map(String).join(', ')}`),
  );
}

/** Service groups sorted by label, actions sorted by name; an action granted by two statements appears twice. */
export function groupActionsByService(document: PolicyDocument): ServiceGroup[] {
  const groups = new Map<string, ExplainedAction[]>();
  for (const statement of document.statements) {
    const conditions = describeConditions(statement.condition);
    const resources = statement.resources.length > 0 ? statement.resources : statement.notResources.map((resource) => `not ${resource}`);
    for (const action of statement.actions) {
      const prefix = getServicePrefix(action);
      const info = findActionInfo(action);
      const list = groups.get(prefix) ?? [];
      list.push({
        action,
        effect: statement.effect,
        ...(info ? { explanation: info.explanation, capability: info.capability } : {}),
        resources,
        conditions,
      });
      groups.set(prefix, list);
    }
  }
  return [...groups.entries()]
    .map(([prefix, actions]) => ({
      prefix,
      label: getServiceLabel(prefix),
      actions: actions.sort((left, right) => left.action.localeCompare(right.action)),
    }))
    .sort((left, right) => left.label.localeCompare(right.label));
}

/** How many allowed actions each capability relies on, most first. */
export function countActionsByCapability(groups: ServiceGroup[]): Array<{ capability: Capability | 'Unexplained'; count: number }> {
  const counts = new Map<Capability | 'Unexplained', number>();
  for (const group of groups) {
    for (const action of group.actions) {
      if (action.effect !== 'Allow') continue;
      const key = action.capability ?? 'Unexplained';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([capability, count]) => ({ capability, count })).sort((a, b) => b.count - a.count);
}
