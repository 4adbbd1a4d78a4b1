import type { SandboxState } from '../types';
import { patchBaselineParameters, ScenarioBuilder } from './builders';

// The role exists and nothing relies on it: every maintenance-window task runs under a custom role, and no
// Inventory, Explorer sync, resource group or tag data needs it. Deletion should succeed.

export function buildCleanScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('clean', nowMs);
  builder.addServiceLinkedRole(1400, { daysAgo: 45, region: 'us-east-1' });
  const customRole = builder.addCustomWindowRole(300);
  const notificationRole = builder.addNotificationRole(300);

  const linuxEast = builder.addWindow('us-east-1', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 3 ? * SUN *)',
    duration: 4,
    cutoff: 1,
    createdDaysAgo: 700,
  });
  builder.addTask(linuxEast, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    serviceRoleArn: customRole.arn,
    invocationParameters: {
      RunCommand: {
        ...(patchBaselineParameters('Install').RunCommand as Record<string, unknown>),
        ServiceRoleArn: notificationRole.arn,
        NotificationConfig: {
          NotificationArn: `arn:aws:sns:us-east-1:${builder.accountId}:maintenance-notifications`,
          NotificationEvents: ['Failed'],
          NotificationType: 'Command',
        },
      },
    },
  });
  const restartIreland = builder.addWindow('eu-west-1', {
    name: 'restart-app-servers',
    schedule: 'cron(30 2 ? * SAT *)',
    duration: 2,
    cutoff: 0,
    createdDaysAgo: 250,
  });
  builder.addTask(restartIreland, {
    type: 'AUTOMATION',
    taskArn: 'AWS-RestartEC2Instance',
    name: 'restart-instances',
    serviceRoleArn: customRole.arn,
    invocationParameters: { Automation: { DocumentVersion: '$DEFAULT', Parameters: { InstanceId: ['{{RESOURCE_ID}}'] } } },
  });
  builder.addAssociation('us-east-1', {
    documentName: 'AWS-UpdateSSMAgent',
    associationName: 'update-ssm-agent-weekly',
    targets: [{ Key: 'InstanceIds', Values: [builder.instanceId(), builder.instanceId()] }],
    scheduleExpression: 'rate(7 days)',
    lastExecutedDaysAgo: 3,
  });
  return builder.state;
}
