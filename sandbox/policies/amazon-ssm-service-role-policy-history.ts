// The published history of AmazonSSMServiceRolePolicy as the sandbox serves it: the date of each version and the
// actions it added to the one before, from AWS's policy-version history. The sandbox keeps its own copy, apart
// from the dashboard's table in lib/role, so that the role page's comparison is checked against an independent
// source. v3 is the 2018 document (the 18 actions of AWS's service-linked-role page); v16 is the document in
// amazon-ssm-service-role-policy-v16.json.

export interface ServiceRolePolicyVersionEntry {
  versionId: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The actions this version added (for v3, every action it holds). */
  added: readonly string[];
}

export const SERVICE_ROLE_POLICY_HISTORY: readonly ServiceRolePolicyVersionEntry[] = [
  {
    versionId: 'v3',
    date: '2018-07-25',
    added: [
      'ec2:DescribeInstanceAttribute',
      'ec2:DescribeInstanceStatus',
      'ec2:DescribeInstances',
      'iam:PassRole',
      'lambda:InvokeFunction',
      'resource-groups:ListGroupResources',
      'resource-groups:ListGroups',
      'ssm:CancelCommand',
      'ssm:GetAutomationExecution',
      'ssm:GetCommandInvocation',
      'ssm:GetParameters',
      'ssm:ListCommandInvocations',
      'ssm:ListCommands',
      'ssm:SendCommand',
      'ssm:StartAutomationExecution',
      'states:DescribeExecution',
      'states:StartExecution',
      'tag:GetResources',
    ],
  },
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
