import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_POLICY_PATH,
  findUncoveredActions,
  getCalledActions,
  isActionAllowed,
  LIFECYCLE_POLICY_PATH,
  listAllowedActions,
  ORG_MANAGEMENT_POLICY_PATH,
  ORG_MEMBER_TRUST_POLICY_PATH,
  matchesActionPattern,
  readPolicyDocument,
  toIamAction,
  type PolicyDocument,
} from './least-privilege';

const root = path.resolve(__dirname, '../..');
const auditPolicy = readPolicyDocument(AUDIT_POLICY_PATH, root);
const lifecyclePolicy = readPolicyDocument(LIFECYCLE_POLICY_PATH, root);
const orgManagementPolicy = readPolicyDocument(ORG_MANAGEMENT_POLICY_PATH, root);

describe('toIamAction', () => {
  it('maps each sandbox service to its IAM action prefix', () => {
    expect(toIamAction({ service: 'ssm', operation: 'DescribeMaintenanceWindows' })).toBe('ssm:DescribeMaintenanceWindows');
    expect(toIamAction({ service: 'tagging', operation: 'GetResources' })).toBe('tag:GetResources');
    expect(toIamAction({ service: 'resource-groups', operation: 'ListGroups' })).toBe('resource-groups:ListGroups');
    expect(toIamAction({ service: 'ec2', operation: 'DescribeRegions' })).toBe('ec2:DescribeRegions');
    expect(toIamAction({ service: 'iam', operation: 'GetRole' })).toBe('iam:GetRole');
    expect(toIamAction({ service: 'sts', operation: 'GetCallerIdentity' })).toBe('sts:GetCallerIdentity');
  });

  it('refuses an unknown service or an operation that is not a name', () => {
    expect(() => toIamAction({ service: 's3', operation: 'ListBuckets' })).toThrow(/s3/);
    expect(() => toIamAction({ service: 'ssm', operation: 'Unknown op' })).toThrow();
  });

  it('lists distinct actions once, sorted', () => {
    expect(
      getCalledActions([
        { service: 'ssm', operation: 'ListAssociations' },
        { service: 'iam', operation: 'GetRole' },
        { service: 'ssm', operation: 'ListAssociations' },
      ]),
    ).toEqual(['iam:GetRole', 'ssm:ListAssociations']);
  });
});

describe('matchesActionPattern', () => {
  it('matches IAM wildcards case-insensitively and nothing more', () => {
    expect(matchesActionPattern('ssm:Describe*', 'ssm:DescribeMaintenanceWindows')).toBe(true);
    expect(matchesActionPattern('ssm:describemaintenancewindows', 'ssm:DescribeMaintenanceWindows')).toBe(true);
    expect(matchesActionPattern('iam:Get?ole', 'iam:GetRole')).toBe(true);
    expect(matchesActionPattern('*', 'iam:DeleteServiceLinkedRole')).toBe(true);
    expect(matchesActionPattern('ssm:Describe*', 'ssm:DeleteAssociation')).toBe(false);
    expect(matchesActionPattern('iam:GetRole', 'iam:GetRolePolicy')).toBe(false);
    expect(matchesActionPattern('ssm:List.*', 'ssm:ListAssociations')).toBe(false);
  });
});

describe('isActionAllowed', () => {
  const policy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
      { Effect: 'Deny', Action: ['ssm:Delete*'], Resource: '*' },
    ],
  };
  it('honours Allow and an explicit Deny', () => {
    expect(isActionAllowed('ssm:ListAssociations', [policy])).toBe(true);
    expect(isActionAllowed('ssm:DeleteAssociation', [policy])).toBe(false);
    expect(isActionAllowed('iam:GetRole', [policy])).toBe(false);
  });
});

describe('the documented policies', () => {
  const auditCalls = [
    ['sts', 'GetCallerIdentity'],
    ['iam', 'GetRole'],
    ['iam', 'ListRoles'],
    ['iam', 'ListAttachedRolePolicies'],
    ['iam', 'GetPolicy'],
    ['iam', 'GetPolicyVersion'],
    ['iam', 'ListPolicyVersions'],
    ['ec2', 'DescribeRegions'],
    ['ssm', 'GetParameters'],
    ['ssm', 'DescribeMaintenanceWindows'],
    ['ssm', 'DescribeMaintenanceWindowTasks'],
    ['ssm', 'ListAssociations'],
    ['ssm', 'ListResourceDataSync'],
    ['resource-groups', 'ListGroups'],
    ['tagging', 'GetResources'],
    ['cloudtrail', 'LookupEvents'],
    ['iam', 'GenerateServiceLastAccessedDetails'],
    ['iam', 'GetServiceLastAccessedDetails'],
    ['tagging', 'GetTagKeys'],
  ].map(([service, operation]) => ({ service: service!, operation: operation! }));

  const wizardCalls = [
    ['iam', 'DeleteServiceLinkedRole'],
    ['iam', 'GetServiceLinkedRoleDeletionStatus'],
    ['iam', 'CreateServiceLinkedRole'],
    ['iam', 'UpdateRole'],
    ['iam', 'CreateRole'],
    ['iam', 'AttachRolePolicy'],
    ['iam', 'SimulatePrincipalPolicy'],
    ['ssm', 'UpdateMaintenanceWindowTask'],
    ['ssm', 'DeregisterTaskFromMaintenanceWindow'],
    ['ssm', 'DeleteAssociation'],
    ['ssm', 'DeleteResourceDataSync'],
    ['resource-groups', 'DeleteGroup'],
    ['tagging', 'UntagResources'],
  ].map(([service, operation]) => ({ service: service!, operation: operation! }));

  it('the audit policy covers every read the audit makes, and allows nothing that writes', () => {
    expect(findUncoveredActions(auditCalls, [auditPolicy])).toEqual([]);
    for (const action of listAllowedActions([auditPolicy])) {
      expect(action, action).not.toContain('*');
      // Reads only; starting an Access Advisor report is a read of the role's history that changes nothing.
      if (action === 'iam:GenerateServiceLastAccessedDetails') continue;
      expect(action.split(':')[1], action).toMatch(/^(Get|List|Describe|Lookup)/);
    }
  });

  it('the audit policy alone does not cover the wizard’s changes; the two together do', () => {
    expect(findUncoveredActions(wizardCalls, [auditPolicy])).toEqual(getCalledActions(wizardCalls));
    expect(findUncoveredActions([...auditCalls, ...wizardCalls], [auditPolicy, lifecyclePolicy])).toEqual([]);
  });

  it('never grants the protected-role writes that AWS refuses anyway, nor DeleteRole', () => {
    for (const action of ['iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'ssm:DeleteMaintenanceWindow']) {
      expect(isActionAllowed(action, [auditPolicy, lifecyclePolicy]), action).toBe(false);
    }
  });

  it('scopes the service-linked role actions to the role’s ARN, and conditions creation and PassRole', () => {
    const statements = [lifecyclePolicy.Statement].flat();
    const deletion = statements.find((statement) => [statement.Action].flat().includes('iam:DeleteServiceLinkedRole'));
    expect(deletion?.Resource).toBe('arn:aws:iam::*:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM*');
    const creation = statements.find((statement) => [statement.Action].flat().includes('iam:CreateServiceLinkedRole'));
    expect(creation?.Condition).toEqual({ StringLike: { 'iam:AWSServiceName': 'ssm.amazonaws.com' } });
    const passRole = statements.find((statement) => [statement.Action].flat().includes('iam:PassRole'));
    expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } });
    for (const statement of statements) expect(statement.Resource, statement.Sid).toBeDefined();
  });
});

describe('the policies against the code', () => {
  const clientService: Record<string, string> = {
    '@aws-sdk/client-ssm': 'ssm',
    '@aws-sdk/client-iam': 'iam',
    '@aws-sdk/client-sts': 'sts',
    '@aws-sdk/client-ec2': 'ec2',
    '@aws-sdk/client-resource-groups': 'resource-groups',
    '@aws-sdk/client-resource-groups-tagging-api': 'tagging',
    '@aws-sdk/client-organizations': 'organizations',
    '@aws-sdk/client-cloudtrail': 'cloudtrail',
  };
  // The modules that make changes (used by the delete wizard); every other module of lib/aws only reads.
  const writerModules = new Set(['iam-lifecycle.ts', 'ssm-maintenance.ts', 'data-cleanup.ts']);
  // The modules only organization mode uses, from the management account (docs/iam/org-management-policy.json).
  const organizationModules = new Set(['organizations.ts', 'assume-role.ts']);

  function commandsOf(file: string): Array<{ service: string; operation: string }> {
    const source = readFileSync(path.join(root, 'lib/aws', file), 'utf8');
    const found: Array<{ service: string; operation: string }> = [];
    for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
      const service = clientService[match[2]!];
      if (!service) continue;
      for (const name of match[1]!.split(',').map((part) => part.trim())) {
        const command = /^(\w+)Command$/.exec(name);
        if (command && source.includes(`new ${name}(`)) found.push({ service, operation: command[1]! });
      }
    }
    return found;
  }

  const files = readdirSync(path.join(root, 'lib/aws')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

  it('finds the SDK commands the code sends', () => {
    expect(files.flatMap(commandsOf).length).toBeGreaterThan(10);
  });

  it('the audit policy covers every command of the read modules', () => {
    const reads = files.filter((file) => !writerModules.has(file) && !organizationModules.has(file)).flatMap(commandsOf);
    expect(findUncoveredActions(reads, [auditPolicy])).toEqual([]);
  });

  it('the organization policy covers every command of the organization modules, and grants no change', () => {
    const calls = files.filter((file) => organizationModules.has(file)).flatMap(commandsOf);
    expect(calls.map((call) => call.service).sort()).toEqual(expect.arrayContaining(['organizations', 'sts']));
    expect(findUncoveredActions(calls, [orgManagementPolicy])).toEqual([]);
    for (const action of ['organizations:CreateAccount', 'organizations:MoveAccount', 'organizations:LeaveOrganization', 'iam:CreateRole']) {
      expect(isActionAllowed(action, [orgManagementPolicy]), action).toBe(false);
    }
  });

  it('the member trust policy lets only the management account assume the role, with the external id', () => {
    const trust = readPolicyDocument(ORG_MEMBER_TRUST_POLICY_PATH, root);
    const statements = [trust.Statement].flat();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'EXTERNAL_ID' } } });
  });

  it('the policies together cover every command of lib/aws', () => {
    expect(findUncoveredActions(files.flatMap(commandsOf), [auditPolicy, lifecyclePolicy, orgManagementPolicy])).toEqual([]);
  });
});
