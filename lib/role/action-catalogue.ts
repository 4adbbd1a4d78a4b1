// Every action AmazonSSMServiceRolePolicy grants (as of v16), in plain words, with the Systems Manager
// capability that relies on it, and the AWS services the actions belong to.

export type Capability =
  | 'Maintenance Windows'
  | 'Automation'
  | 'Inventory'
  | 'Explorer'
  | 'OpsCenter/OpsData'
  | 'Compliance'
  | 'Change Calendar'
  | 'Quick Setup'
  | 'Node management';

export interface ActionInfo {
  explanation: string;
  capability: Capability;
}

export const CAPABILITY_DESCRIPTIONS: Record<Capability, string> = {
  'Maintenance Windows': 'Runs maintenance-window tasks registered without their own service role.',
  Automation: 'Starts and follows Automation runbooks on behalf of maintenance windows and other capabilities.',
  Inventory: 'Collects inventory metadata from tags (AWS:Tag) and resource groups (AWS:ResourceGroup).',
  Explorer: 'Gathers OpsData from other AWS services into the Explorer dashboard, across accounts and regions.',
  'OpsCenter/OpsData': 'Creates and enriches OpsItems from alarms and events.',
  Compliance: 'Records patch and compliance summaries for managed nodes.',
  'Change Calendar': 'Checks whether a change calendar allows an action to run now.',
  'Quick Setup': 'Cleans up the CloudFormation stack sets that Quick Setup created.',
  'Node management': 'Builds the Resource Explorer view behind the unified node list.',
};

export const ACTION_CATALOGUE: Readonly<Record<string, ActionInfo>> = {
  'ssm:CancelCommand': { explanation: 'Cancel a Run Command command that is still running.', capability: 'Maintenance Windows' },
  'ssm:GetCommandInvocation': {
    explanation: 'Read the status and output of one command on one managed node.',
    capability: 'Maintenance Windows',
  },
  'ssm:ListCommandInvocations': {
    explanation: 'List the per-node invocations of the commands it sent.',
    capability: 'Maintenance Windows',
  },
  'ssm:ListCommands': { explanation: 'List the Run Command commands it sent and their status.', capability: 'Maintenance Windows' },
  'ssm:SendCommand': {
    explanation: 'Run a Command document on the targets of a maintenance-window task.',
    capability: 'Maintenance Windows',
  },
  'ssm:GetAutomationExecution': { explanation: 'Follow the progress of an Automation runbook it started.', capability: 'Automation' },
  'ssm:GetParameters': {
    explanation: 'Read Parameter Store values referenced by task parameters ({{ssm:name}}).',
    capability: 'Maintenance Windows',
  },
  'ssm:StartAutomationExecution': { explanation: 'Start an Automation runbook for a maintenance-window task.', capability: 'Automation' },
  'ssm:StopAutomationExecution': { explanation: 'Stop an Automation runbook it started, for example at the cutoff.', capability: 'Automation' },
  'ssm:ListTagsForResource': { explanation: 'Read the tags of Systems Manager resources to show them as OpsData.', capability: 'Explorer' },
  'ssm:GetCalendarState': {
    explanation: 'Ask a Change Calendar whether it is open or closed before running a task.',
    capability: 'Change Calendar',
  },
  'ssm:PutInventory': {
    explanation: 'Write inventory items, limited to the AWS:ComplianceItem and AWS:PatchSummary types.',
    capability: 'Compliance',
  },
  'ssm:UpdateServiceSetting': {
    explanation: 'Change the OpsItem and OpsData service settings (only those two setting paths).',
    capability: 'Explorer',
  },
  'ssm:GetServiceSetting': { explanation: 'Read the OpsItem and OpsData service settings.', capability: 'Explorer' },
  'ec2:DescribeInstanceAttribute': { explanation: 'Read an attribute of an EC2 instance targeted by a task.', capability: 'Maintenance Windows' },
  'ec2:DescribeInstanceStatus': { explanation: 'Check that target instances are running and healthy.', capability: 'Maintenance Windows' },
  'ec2:DescribeInstances': { explanation: 'Resolve a task’s targets (tags, IDs) to EC2 instances.', capability: 'Maintenance Windows' },
  'lambda:InvokeFunction': {
    explanation: 'Invoke a Lambda function whose name starts with SSM, as a maintenance-window task.',
    capability: 'Maintenance Windows',
  },
  'states:DescribeExecution': {
    explanation: 'Follow a Step Functions execution it started (state machines named SSM*).',
    capability: 'Maintenance Windows',
  },
  'states:StartExecution': {
    explanation: 'Start a Step Functions state machine whose name starts with SSM, as a task.',
    capability: 'Maintenance Windows',
  },
  'resource-groups:ListGroups': { explanation: 'List resource groups to record them in inventory.', capability: 'Inventory' },
  'resource-groups:ListGroupResources': { explanation: 'List the members of each resource group for inventory.', capability: 'Inventory' },
  'resource-groups:GetGroupQuery': {
    explanation: 'Read the query behind a resource group used as a target.',
    capability: 'Inventory',
  },
  'cloudformation:DescribeStacks': { explanation: 'Read CloudFormation stacks to show them as OpsData.', capability: 'Explorer' },
  'cloudformation:ListStackResources': { explanation: 'List the resources of a stack for OpsData.', capability: 'Explorer' },
  'tag:GetResources': { explanation: 'Find tagged resources to record tags in inventory (AWS:Tag).', capability: 'Inventory' },
  'config:SelectResourceConfig': { explanation: 'Query AWS Config’s resource inventory for OpsData.', capability: 'Explorer' },
  'compute-optimizer:GetEC2InstanceRecommendations': {
    explanation: 'Read Compute Optimizer’s EC2 rightsizing recommendations for Explorer.',
    capability: 'Explorer',
  },
  'compute-optimizer:GetEnrollmentStatus': { explanation: 'Check whether the account is enrolled in Compute Optimizer.', capability: 'Explorer' },
  'support:DescribeTrustedAdvisorChecks': { explanation: 'List the Trusted Advisor checks shown in Explorer.', capability: 'Explorer' },
  'support:DescribeTrustedAdvisorCheckSummaries': {
    explanation: 'Read summaries of Trusted Advisor check results.',
    capability: 'Explorer',
  },
  'support:DescribeTrustedAdvisorCheckResult': { explanation: 'Read the detailed result of a Trusted Advisor check.', capability: 'Explorer' },
  'support:DescribeCases': { explanation: 'Read AWS Support cases to count them in Explorer.', capability: 'Explorer' },
  'config:DescribeComplianceByConfigRule': { explanation: 'Read AWS Config rule compliance for Explorer.', capability: 'Explorer' },
  'config:DescribeComplianceByResource': { explanation: 'Read per-resource AWS Config compliance for Explorer.', capability: 'Explorer' },
  'config:DescribeRemediationConfigurations': {
    explanation: 'Read the remediation set up for AWS Config rules.',
    capability: 'Explorer',
  },
  'config:DescribeConfigurationRecorders': { explanation: 'Check whether AWS Config is recording in the region.', capability: 'Explorer' },
  'cloudwatch:DescribeAlarms': { explanation: 'Read CloudWatch alarms that open or enrich OpsItems.', capability: 'OpsCenter/OpsData' },
  'iam:PassRole': {
    explanation: 'Pass a role to Systems Manager itself (only to ssm.amazonaws.com), for example to Automation.',
    capability: 'Automation',
  },
  'organizations:DescribeOrganization': {
    explanation: 'Read the organisation, to aggregate OpsData across its accounts.',
    capability: 'Explorer',
  },
  'cloudformation:ListStackSets': { explanation: 'List stack sets to find those Quick Setup created.', capability: 'Quick Setup' },
  'cloudformation:ListStackInstances': {
    explanation: 'List the instances of a Quick Setup stack set (AWS-QuickSetup-SSM*).',
    capability: 'Quick Setup',
  },
  'cloudformation:DescribeStackSetOperation': {
    explanation: 'Follow an operation on a Quick Setup stack set.',
    capability: 'Quick Setup',
  },
  'cloudformation:DeleteStackSet': { explanation: 'Delete a Quick Setup stack set (AWS-QuickSetup-SSM* only).', capability: 'Quick Setup' },
  'cloudformation:DeleteStackInstances': {
    explanation: 'Delete the stack instances of a Quick Setup stack set.',
    capability: 'Quick Setup',
  },
  'events:PutRule': {
    explanation: 'Create the EventBridge rule Explorer uses (only rules managed by ssm.amazonaws.com).',
    capability: 'OpsCenter/OpsData',
  },
  'events:PutTargets': { explanation: 'Point that managed rule at Systems Manager.', capability: 'OpsCenter/OpsData' },
  'events:RemoveTargets': { explanation: 'Remove the targets of SSMExplorerManagedRule.', capability: 'OpsCenter/OpsData' },
  'events:DeleteRule': { explanation: 'Delete SSMExplorerManagedRule when OpsData sources are turned off.', capability: 'OpsCenter/OpsData' },
  'events:DescribeRule': { explanation: 'Read EventBridge rules to check the managed rule.', capability: 'OpsCenter/OpsData' },
  'securityhub:DescribeHub': { explanation: 'Check whether Security Hub is on, to show its findings as OpsData.', capability: 'Explorer' },
  'resource-explorer-2:CreateManagedView': {
    explanation: 'Create the AWSManagedViewForSSM Resource Explorer view.',
    capability: 'Node management',
  },
};

export const SERVICE_LABELS: Readonly<Record<string, string>> = {
  ssm: 'Systems Manager',
  ec2: 'Amazon EC2',
  lambda: 'AWS Lambda',
  states: 'AWS Step Functions',
  'resource-groups': 'AWS Resource Groups',
  cloudformation: 'AWS CloudFormation',
  tag: 'Resource Groups Tagging API',
  config: 'AWS Config',
  'compute-optimizer': 'AWS Compute Optimizer',
  support: 'AWS Support (Trusted Advisor)',
  cloudwatch: 'Amazon CloudWatch',
  iam: 'AWS IAM',
  organizations: 'AWS Organizations',
  events: 'Amazon EventBridge',
  securityhub: 'AWS Security Hub',
  'resource-explorer-2': 'AWS Resource Explorer',
};

/** The service prefix of an action (`ec2:DescribeInstances` → `ec2`); '*' for a bare wildcard. */
export function getServicePrefix(action: string): string {
  const index = action.indexOf(':');
  return index === -1 ? '*' : action.slice(0, index).toLowerCase();
}

export function getServiceLabel(prefix: string): string {
  if (prefix === '*') return 'All services';
  return SERVICE_LABELS[prefix] ?? prefix;
}

/** Looks an action up case-insensitively, as IAM matches actions. */
export function findActionInfo(action: string): ActionInfo | undefined {
  const direct = ACTION_CATALOGUE[action];
  if (direct) return direct;
  const lower = action.toLowerCase();
  const key = Object.keys(ACTION_CATALOGUE).find((name) => name.toLowerCase() === lower);
  return key ? ACTION_CATALOGUE[key] : undefined;
}
