import { parsePolicyDocument, listAllowedActions } from '@/lib/aws/policy-document';
import v16PolicyJson from './reference/v16-policy.json';

// The known history of AmazonSSMServiceRolePolicy, the 18 actions AWS's service-linked-role page documented,
// and the comparison of a live policy with both.

export interface KnownPolicyVersion {
  versionId: string;
  /** The date AWS published the version (YYYY-MM-DD). */
  date: string;
  added: readonly string[];
  note?: string;
}

/** The 18 actions listed on AWS's "Using service-linked roles for Systems Manager" page (policy v3, 2018). */
export const DOCUMENTED_ACTIONS: readonly string[] = [
  'ssm:CancelCommand',
  'ssm:GetCommandInvocation',
  'ssm:ListCommandInvocations',
  'ssm:ListCommands',
  'ssm:SendCommand',
  'ssm:GetAutomationExecution',
  'ssm:GetParameters',
  'ssm:StartAutomationExecution',
  'iam:PassRole',
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeInstances',
  'lambda:InvokeFunction',
  'resource-groups:ListGroups',
  'resource-groups:ListGroupResources',
  'states:DescribeExecution',
  'states:StartExecution',
  'tag:GetResources',
];

export const KNOWN_POLICY_VERSIONS: readonly KnownPolicyVersion[] = [
  { versionId: 'v3', date: '2018-07-25', added: DOCUMENTED_ACTIONS, note: 'The documented list' },
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
    added: ['config:DescribeComplianceByConfigRule', 'config:DescribeComplianceByResource', 'config:DescribeRemediationConfigurations'],
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
    note: 'Quick Setup clean-up',
  },
  { versionId: 'v11', date: '2021-01-05', added: ['ssm:GetCalendarState'], note: 'Change Calendar' },
  { versionId: 'v12', date: '2021-03-23', added: ['ssm:GetServiceSetting', 'ssm:UpdateServiceSetting'], note: 'Explorer settings' },
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
    note: 'Explorer managed EventBridge rule',
  },
  { versionId: 'v14', date: '2022-09-14', added: ['cloudwatch:DescribeAlarms', 'ssm:StopAutomationExecution'] },
  { versionId: 'v15', date: '2024-11-15', added: ['resource-explorer-2:CreateManagedView'] },
  { versionId: 'v16', date: '2025-07-15', added: ['ssm:PutInventory'], note: 'Only AWS:ComplianceItem and AWS:PatchSummary' },
];

export const LATEST_KNOWN_VERSION = 'v16';

/** The v16 document as AWS publishes it, normalised. */
export const V16_POLICY = parsePolicyDocument(v16PolicyJson);
export const V16_ACTIONS: readonly string[] = listAllowedActions(V16_POLICY);

/** `v16` → 16; NaN for anything that is not a policy version id. */
export function getVersionNumber(versionId: string): number {
  const match = /^v(\d+)$/i.exec(versionId.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/** The known version that first granted an action, or undefined when no known version did. */
export function findVersionThatAdded(action: string): KnownPolicyVersion | undefined {
  const lower = action.toLowerCase();
  return KNOWN_POLICY_VERSIONS.find((version) => version.added.some((added) => added.toLowerCase() === lower));
}

/** The known versions with the cumulative number of actions each one grants. */
export function listKnownVersionsWithTotals(): Array<KnownPolicyVersion & { totalActions: number }> {
  let total = 0;
  return KNOWN_POLICY_VERSIONS.map((version) => {
    total += version.added.length;
    return { ...version, totalActions: total };
  });
}

function difference(left: readonly string[], right: readonly string[]): string[] {
  const rightSet = new Set(right.map((action) => action.toLowerCase()));
  return left.filter((action) => !rightSet.has(action.toLowerCase()));
}

export interface AddedAction {
  action: string;
  /** The version that added it, when it is one this dashboard knows. */
  addedIn?: string;
  addedOn?: string;
}

export interface PolicyComparison {
  defaultVersionId: string;
  /** Actions granted now that the documented list of 18 does not mention. */
  addedSinceDocumented: AddedAction[];
  /** Documented actions the live policy no longer grants. */
  removedSinceDocumented: string[];
  /** Actions granted now that v16 does not grant. */
  notInLatestKnown: string[];
  /** v16 actions the live policy does not grant. */
  missingFromLatestKnown: string[];
  /** The default version is newer than v16, or its actions differ from v16's: AWS changed this policy. */
  isChangedByAws: boolean;
  isNewerThanKnown: boolean;
  /** The default version is one this dashboard knows and its actions match what that version granted. */
  matchesKnownVersion: boolean;
}

/** Compares the actions of the live default version with the documented 18 and with v16. */
export function comparePolicyActions(actions: readonly string[], defaultVersionId: string): PolicyComparison {
  const versionNumber = getVersionNumber(defaultVersionId);
  const latestNumber = getVersionNumber(LATEST_KNOWN_VERSION);
  const isNewerThanKnown = Number.isFinite(versionNumber) && versionNumber > latestNumber;
  const notInLatestKnown = difference(actions, V16_ACTIONS);
  const missingFromLatestKnown = difference(V16_ACTIONS, actions);

  const known = listKnownVersionsWithTotals();
  const knownIndex = known.findIndex((version) => version.versionId.toLowerCase() === defaultVersionId.toLowerCase());
  const expectedActions = knownIndex === -1 ? null : known.slice(0, knownIndex + 1).flatMap((version) => version.added);
  const matchesKnownVersion =
    expectedActions !== null && difference(actions, expectedActions).length === 0 && difference(expectedActions, actions).length === 0;

  return {
    defaultVersionId,
    addedSinceDocumented: difference(actions, DOCUMENTED_ACTIONS).map((action) => {
      const version = findVersionThatAdded(action);
      return version ? { action, addedIn: version.versionId, addedOn: version.date } : { action };
    }),
    removedSinceDocumented: difference(DOCUMENTED_ACTIONS, actions),
    notInLatestKnown,
    missingFromLatestKnown,
    isNewerThanKnown,
    isChangedByAws: isNewerThanKnown || notInLatestKnown.length > 0 || (versionNumber === latestNumber && missingFromLatestKnown.length > 0),
    matchesKnownVersion,
  };
}
