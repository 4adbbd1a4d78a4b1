import { getManagedPolicyArn, MANAGED_POLICY_NAME } from '../../lib/role/constants';
import { AMAZON_SSM_SERVICE_ROLE_POLICY_V16 } from './amazon-ssm-service-role-policy-v16';
import type { ManagedPolicy, ManagedPolicyVersion, PolicyDocument, PolicyStatement } from './types';

// AmazonSSMServiceRolePolicy v3…v16: each earlier version is v16 without the actions added after it.

/** The actions each version added to the one before (v3 is the 18-action list of 2018). */
export const SERVICE_ROLE_POLICY_HISTORY: ReadonlyArray<{ versionId: string; date: string; added: readonly string[] }> = [
  { versionId: 'v3', date: '2018-07-25', added: [] },
  { versionId: 'v4', date: '2019-10-24', added: ['config:SelectResourceConfig', 'ssm:ListTagsForResource'] },
  { versionId: 'v5', date: '2020-01-22', added: ['cloudformation:DescribeStacks', 'resource-groups:GetGroupQuery'] },
  {
    versionId: 'v6',
    date: '2020-04-20',
    added: [
      'compute-optimizer:GetEC2InstanceRecommendations',
      'support:DescribeTrustedAdvisorCheckResult',
      'support:DescribeTrustedAdvisorCheckSummaries',
      'support:DescribeTrustedAdvisorChecks',
    ],
  },
  { versionId: 'v7', date: '2020-06-04', added: ['cloudformation:ListStackResources'] },
  { versionId: 'v8', date: '2020-07-31', added: ['support:DescribeCases'] },
  {
    versionId: 'v9',
    date: '2020-11-11',
    added: [
      'config:DescribeComplianceByConfigRule',
      'config:DescribeComplianceByResource',
      'config:DescribeRemediationConfigurations',
    ],
  },
  {
    versionId: 'v10',
    date: '2020-12-11',
    added: [
      'cloudformation:DeleteStackInstances',
      'cloudformation:DeleteStackSet',
      'cloudformation:DescribeStackSetOperation',
      'cloudformation:ListStackInstances',
      'cloudformation:ListStackSets',
      'organizations:DescribeOrganization',
    ],
  },
  { versionId: 'v11', date: '2021-01-05', added: ['ssm:GetCalendarState'] },
  { versionId: 'v12', date: '2021-03-23', added: ['ssm:GetServiceSetting', 'ssm:UpdateServiceSetting'] },
  {
    versionId: 'v13',
    date: '2021-04-26',
    added: [
      'compute-optimizer:GetEnrollmentStatus',
      'config:DescribeConfigurationRecorders',
      'events:DeleteRule',
      'events:DescribeRule',
      'events:PutRule',
      'events:PutTargets',
      'events:RemoveTargets',
      'securityhub:DescribeHub',
    ],
  },
  { versionId: 'v14', date: '2022-09-14', added: ['cloudwatch:DescribeAlarms', 'ssm:StopAutomationExecution'] },
  { versionId: 'v15', date: '2024-11-15', added: ['resource-explorer-2:CreateManagedView'] },
  { versionId: 'v16', date: '2025-07-15', added: ['ssm:PutInventory'] },
];

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
