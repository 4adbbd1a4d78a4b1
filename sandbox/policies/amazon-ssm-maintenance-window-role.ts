import { getMaintenanceWindowPolicyArn, MAINTENANCE_WINDOW_POLICY_NAME } from '../../lib/role/constants';
import type { ManagedPolicy } from './types';

// AmazonSSMMaintenanceWindowRole: the AWS managed policy for custom maintenance-window task roles, the
// recommended replacement for tasks that run as the service-linked role.

export function createAmazonSsmMaintenanceWindowRolePolicy(): ManagedPolicy {
  const createDate = '2018-05-24T00:00:00Z';
  return {
    policyName: MAINTENANCE_WINDOW_POLICY_NAME,
    arn: getMaintenanceWindowPolicyArn('aws'),
    path: '/service-role/',
    policyId: 'ANPAV5GUT2YJMSANDBOX1',
    description: 'Service Role to be used for EC2 Maintenance Window',
    createDate,
    updateDate: createDate,
    defaultVersionId: 'v1',
    isAttachable: true,
    versions: [
      {
        versionId: 'v1',
        createDate,
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'ssm:CancelCommand',
                'ssm:GetAutomationExecution',
                'ssm:GetCommandInvocation',
                'ssm:ListCommandInvocations',
                'ssm:ListCommands',
                'ssm:SendCommand',
                'ssm:StartAutomationExecution',
                'ssm:ListTagsForResource',
                'ssm:GetParameters',
              ],
              Resource: ['*'],
            },
            {
              Effect: 'Allow',
              Action: ['states:DescribeExecution', 'states:StartExecution'],
              Resource: ['arn:aws:states:*:*:execution:*:*', 'arn:aws:states:*:*:stateMachine:*'],
            },
            { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:*:*:function:*'] },
            {
              Effect: 'Allow',
              Action: ['resource-groups:ListGroups', 'resource-groups:ListGroupResources', 'tag:GetResources'],
              Resource: ['*'],
            },
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PassedToService': ['ssm.amazonaws.com'] } },
            },
          ],
        },
      },
    ],
  };
}
