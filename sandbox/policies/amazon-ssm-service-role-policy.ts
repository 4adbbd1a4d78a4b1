import { getManagedPolicyArn, MANAGED_POLICY_NAME } from '../../lib/role/constants';
import { SERVICE_ROLE_POLICY_HISTORY } from './amazon-ssm-service-role-policy-history';
import AMAZON_SSM_SERVICE_ROLE_POLICY_V16 from './amazon-ssm-service-role-policy-v16.json';
import type { ManagedPolicy, ManagedPolicyVersion, PolicyDocument, PolicyStatement } from './types';

// AmazonSSMServiceRolePolicy v3…v16, from the sandbox's own copy of the policy's history and of the v16
// document: each earlier version is v16 without the actions added after it.

export { SERVICE_ROLE_POLICY_HISTORY } from './amazon-ssm-service-role-policy-history';

function toList(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}

function cloneDocument(document: typeof AMAZON_SSM_SERVICE_ROLE_POLICY_V16): PolicyDocument {
  return JSON.parse(JSON.stringify(document)) as PolicyDocument;
}

/** v16 without the given actions; statements left with no action are dropped. */
export function removeActions(document: PolicyDocument, removed: ReadonlySet<string>): PolicyDocument {
  const statements: PolicyStatement[] = [];
  for (const statement of document.Statement) {
    const actions = toList(statement.Action).filter((action) => !removed.has(action));
    if (actions.length === 0) continue;
    statements.push({ ...statement, Action: typeof statement.Action === 'string' ? actions[0]! : actions });
  }
  return { Version: document.Version, Statement: statements };
}

function buildVersions(): ManagedPolicyVersion[] {
  const current = cloneDocument(AMAZON_SSM_SERVICE_ROLE_POLICY_V16);
  return SERVICE_ROLE_POLICY_HISTORY.map((entry, position) => {
    const later = new Set(SERVICE_ROLE_POLICY_HISTORY.slice(position + 1).flatMap((next) => next.added));
    return { versionId: entry.versionId, createDate: `${entry.date}T00:00:00Z`, document: removeActions(current, later) };
  }).reverse();
}

export function createAmazonSsmServiceRolePolicy(): ManagedPolicy {
  const versions = buildVersions();
  return {
    policyName: MANAGED_POLICY_NAME,
    arn: getManagedPolicyArn('aws'),
    path: '/aws-service-role/',
    policyId: 'ANPAIXSHM2BNB2D3AXXRU',
    description: 'Provides access to AWS Resources managed or used by Amazon SSM.',
    createDate: versions[versions.length - 1]!.createDate,
    updateDate: versions[0]!.createDate,
    defaultVersionId: versions[0]!.versionId,
    isAttachable: false,
    versions,
  };
}
