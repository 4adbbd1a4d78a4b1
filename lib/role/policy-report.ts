import 'server-only';
import {
  getManagedPolicy,
  getPolicyVersion,
  listAttachedRolePolicies,
  listPolicyVersions,
  type ManagedPolicy,
  type PolicyVersionSummary,
} from '@/lib/aws/iam';
import { listAllowedActions } from '@/lib/aws/policy-document';
import { MANAGED_POLICY_NAME } from './constants';
import { groupActionsByService, type ServiceGroup } from './permissions';
import { comparePolicyActions, type PolicyComparison } from './policy-versions';

// Everything the Role page shows about the managed policies attached to a role, read in parallel.

export interface PolicyReport {
  policy: ManagedPolicy;
  /** Whether this is AmazonSSMServiceRolePolicy, the policy the comparison is meaningful for. */
  isServiceRolePolicy: boolean;
  defaultVersionDate: string;
  groups: ServiceGroup[];
  actionCount: number;
  comparison: PolicyComparison;
  versions: PolicyVersionSummary[];
  json: string;
}

async function getPolicyReport(policyArn: string): Promise<PolicyReport> {
  const policy = await getManagedPolicy(policyArn);
  const [version, versions] = await Promise.all([getPolicyVersion(policyArn, policy.defaultVersionId), listPolicyVersions(policyArn)]);
  const actions = listAllowedActions(version.document);
  return {
    policy,
    isServiceRolePolicy: policy.policyName === MANAGED_POLICY_NAME && policy.isAwsManaged,
    defaultVersionDate: version.createDate,
    groups: groupActionsByService(version.document),
    actionCount: actions.length,
    comparison: comparePolicyActions(actions, policy.defaultVersionId),
    versions,
    json: version.json,
  };
}

export async function getPolicyReports(roleName: string): Promise<PolicyReport[]> {
  const attached = await listAttachedRolePolicies(roleName);
  return Promise.all(attached.map((policy) => getPolicyReport(policy.policyArn)));
}
