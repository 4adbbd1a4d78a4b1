import 'server-only';
import type { IAMClient } from '@aws-sdk/client-iam';
import {
  getManagedPolicy,
  getPolicyVersion,
  listAttachedRolePolicies,
  listPolicyVersions,
} from '@/lib/aws/iam';
import type { ManagedPolicy, PolicyVersionSummary } from '@/lib/aws/types';
import { AwsError, type AwsErrorInfo } from '@/lib/aws/errors';
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

async function getPolicyReport(client: IAMClient, policyArn: string): Promise<PolicyReport> {
  const policy = await getManagedPolicy(client, policyArn);
  const [version, versions] = await Promise.all([
    getPolicyVersion(client, policyArn, policy.defaultVersionId),
    listPolicyVersions(client, policyArn),
  ]);
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

export type PolicyReportResult =
  | { ok: true; report: PolicyReport }
  | { ok: false; policyArn: string; policyName: string; error: AwsErrorInfo };

/**
 * One result per attached policy. A policy that cannot be read (denied, throttled) is reported beside the
 * others instead of hiding them; failures that are not AWS errors still throw.
 */
export async function getPolicyReports(client: IAMClient, roleName: string): Promise<PolicyReportResult[]> {
  const attached = await listAttachedRolePolicies(client, roleName);
  return Promise.all(
    attached.map(async (policy): Promise<PolicyReportResult> => {
      try {
        return { ok: true, report: await getPolicyReport(client, policy.policyArn) };
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        return { ok: false, policyArn: policy.policyArn, policyName: policy.policyName, error: error.toInfo() };
      }
    }),
  );
}
