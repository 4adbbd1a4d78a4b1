import type { SandboxState } from '../types';
import { patchBaselineParameters, ScenarioBuilder } from './builders';

// The default scenario: a lived-in account where the service-linked role exists and several capabilities rely on
// it across regions, next to work that already runs under a custom maintenance-window role.

export function buildDemoScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('demo', nowMs);
  const accountId = builder.accountId;
  const serviceLinkedRole = builder.addServiceLinkedRole(1650, { daysAgo: 0.3, region: 'eu-west-1' });
  const customRole = builder.addCustomWindowRole(400);
  const notificationRole = builder.addNotificationRole(400);
  const notificationTopic = `arn:aws:sns:us-east-1:${accountId}:maintenance-notifications`;

  // Tagged fleet and the resource groups built on it (the data Inventory reads through the role).
  const productionInstances = builder.addTaggedInstances('us-east-1', 4, { Environment: 'Production', Role: 'web' });
  builder.addTaggedInstances('us-east-1', 2, { Environment: 'Staging', Role: 'batch' });
  builder.addResourceGroup('us-east-1', {
    name: 'production-fleet',
    description: 'Every production instance in N. Virginia',
    tagFilters: [{ Key: 'Environment', Values: ['Production'] }],
    tags: { Owner: 'platform-team' },
  });
  builder.addTaggedInstances('eu-west-1', 3, { Environment: 'Production', Role: 'web' });
  builder.addResourceGroup('eu-west-1', {
    name: 'web-servers',
    description: 'Front-end web servers',
    tagFilters: [{ Key: 'Role', Values: ['web'] }],
  });
  builder.addTaggedInstances('us-west-2', 2, { Team: 'data-platform', Role: 'worker' });
  builder.addResourceGroup('us-west-2', {
    name: 'batch-workers',
    description: 'Data platform batch workers',
    tagFilters: [{ Key: 'Team', Values: ['data-platform'] }],
  });
  const buildHosts = builder.addTaggedInstances('ap-southeast-2', 2, { Role: 'build' });

  // N. Virginia: one task relies on the role (no ServiceRoleArn); the Windows patching task uses the custom role
  // and names a notification role inside its Run Command parameters, which is not the task's role.
  const linuxEast = builder.addWindow('us-east-1', {
    name: 'patch-linux-weekly',
    description: 'Weekly patching of the Linux fleet',
    schedule: 'cron(0 3 ? * SUN *)',
    scheduleTimezone: 'America/New_York',
    duration: 4,
    cutoff: 1,
    createdDaysAgo: 900,
  });
  builder.addTask(linuxEast, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    description: 'Install missing patches and reboot if needed',
    targets: [{ Key: 'InstanceIds', Values: productionInstances }],
    invocationParameters: patchBaselineParameters('Install'),
  });
  builder.addTask(linuxEast, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-UpdateSSMAgent',
    name: 'update-ssm-agent',
    priority: 2,
    serviceRoleArn: customRole.arn,
    targets: [{ Key: 'InstanceIds', Values: productionInstances }],
    invocationParameters: { RunCommand: { Parameters: { allowDowngrade: ['false'] }, TimeoutSeconds: 600 } },
  });
  const windowsEast = builder.addWindow('us-east-1', {
    name: 'patch-windows-monthly',
    description: 'Second Sunday of the month, Windows servers',
    schedule: 'cron(0 4 ? * SUN#2 *)',
    duration: 5,
    cutoff: 1,
    createdDaysAgo: 700,
  });
  builder.addTask(windowsEast, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-windows-updates',
    serviceRoleArn: customRole.arn,
    invocationParameters: {
      RunCommand: {
        ...(patchBaselineParameters('Install').RunCommand as Record<string, unknown>),
        ServiceRoleArn: notificationRole.arn,
        NotificationConfig: {
          NotificationArn: notificationTopic,
          NotificationEvents: ['Failed', 'TimedOut'],
          NotificationType: 'Command',
        },
      },
    },
  });
  const restartEast = builder.addWindow('us-east-1', {
    name: 'restart-app-servers',
    schedule: 'cron(30 2 ? * SAT *)',
    duration: 2,
    cutoff: 0,
    createdDaysAgo: 320,
  });
  builder.addTask(restartEast, {
    type: 'AUTOMATION',
    taskArn: 'AWS-RestartEC2Instance',
    name: 'restart-instances',
    serviceRoleArn: customRole.arn,
    invocationParameters: {
      Automation: { DocumentVersion: '$DEFAULT', Parameters: { InstanceId: ['{{RESOURCE_ID}}'] } },
    },
  });

  // Oregon: a task that names the service-linked role's ARN explicitly (the form the CLI examples show).
  const linuxWest = builder.addWindow('us-west-2', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 3 ? * SUN *)',
    duration: 4,
    cutoff: 1,
    createdDaysAgo: 850,
  });
  builder.addTask(linuxWest, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    serviceRoleArn: serviceLinkedRole.arn,
    invocationParameters: patchBaselineParameters('Install'),
  });
  const backupWest = builder.addWindow('us-west-2', {
    name: 'backup-snapshots-nightly',
    schedule: 'cron(0 1 * * ? *)',
    duration: 2,
    cutoff: 1,
    createdDaysAgo: 610,
  });
  builder.addTask(backupWest, {
    type: 'AUTOMATION',
    taskArn: 'AWS-CreateSnapshot',
    name: 'snapshot-data-volumes',
    serviceRoleArn: customRole.arn,
    invocationParameters: {
      Automation: { DocumentVersion: '$DEFAULT', Parameters: { VolumeId: ['vol-0a1b2c3d4e5f60718'] } },
    },
  });

  // Ireland, where the role was last used: a relying patch task, and custom-role work beside it.
  const linuxIreland = builder.addWindow('eu-west-1', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 2 ? * SUN *)',
    scheduleTimezone: 'Europe/Dublin',
    duration: 4,
    cutoff: 1,
    createdDaysAgo: 1200,
  });
  builder.addTask(linuxIreland, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    invocationParameters: patchBaselineParameters('Install'),
  });
  builder.addTask(linuxIreland, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'scan-after-install',
    priority: 2,
    invocationParameters: patchBaselineParameters('Scan'),
  });
  const logsIreland = builder.addWindow('eu-west-1', {
    name: 'rotate-app-logs-nightly',
    schedule: 'cron(15 0 * * ? *)',
    duration: 1,
    cutoff: 0,
    createdDaysAgo: 260,
  });
  builder.addTask(logsIreland, {
    type: 'LAMBDA',
    taskArn: `arn:aws:lambda:eu-west-1:${accountId}:function:rotate-app-logs`,
    name: 'rotate-logs',
    serviceRoleArn: customRole.arn,
    targets: [],
    invocationParameters: { Lambda: { Qualifier: '$LATEST' } },
  });

  // Frankfurt: windows, all under the custom role.
  const logsFrankfurt = builder.addWindow('eu-central-1', {
    name: 'rotate-app-logs-nightly',
    schedule: 'cron(15 0 * * ? *)',
    duration: 1,
    cutoff: 0,
    createdDaysAgo: 240,
  });
  builder.addTask(logsFrankfurt, {
    type: 'LAMBDA',
    taskArn: `arn:aws:lambda:eu-central-1:${accountId}:function:rotate-app-logs`,
    name: 'rotate-logs',
    serviceRoleArn: customRole.arn,
    targets: [],
    invocationParameters: { Lambda: { Qualifier: '$LATEST' } },
  });
  const scanFrankfurt = builder.addWindow('eu-central-1', {
    name: 'scan-compliance-daily',
    schedule: 'rate(1 day)',
    duration: 2,
    cutoff: 1,
    createdDaysAgo: 180,
  });
  builder.addTask(scanFrankfurt, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'scan-patches',
    serviceRoleArn: customRole.arn,
    invocationParameters: patchBaselineParameters('Scan'),
  });

  // Sydney: a Step Functions backup that names the service-linked role.
  const backupSydney = builder.addWindow('ap-southeast-2', {
    name: 'backup-database-weekly',
    schedule: 'cron(0 14 ? * SAT *)',
    duration: 3,
    cutoff: 1,
    createdDaysAgo: 510,
  });
  builder.addTask(backupSydney, {
    type: 'STEP_FUNCTIONS',
    taskArn: `arn:aws:states:ap-southeast-2:${accountId}:stateMachine:backup-database`,
    name: 'run-backup-state-machine',
    serviceRoleArn: serviceLinkedRole.arn,
    targets: [],
    invocationParameters: { StepFunctions: { Name: 'weekly-backup', Input: '{"retentionDays":35}' } },
  });

  // Tokyo: a disabled window under the custom role.
  const linuxTokyo = builder.addWindow('ap-northeast-1', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 18 ? * SAT *)',
    duration: 4,
    cutoff: 1,
    isEnabled: false,
    createdDaysAgo: 400,
  });
  builder.addTask(linuxTokyo, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    serviceRoleArn: customRole.arn,
    invocationParameters: patchBaselineParameters('Install'),
  });

  // Cape Town, an opted-in region: a relying task that is easy to forget.
  const linuxCapeTown = builder.addWindow('af-south-1', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 1 ? * SUN *)',
    duration: 3,
    cutoff: 1,
    createdDaysAgo: 330,
  });
  builder.addTask(linuxCapeTown, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    invocationParameters: patchBaselineParameters('Install'),
  });

  // London: nothing relies on the role today, but a patch task ran as it for weeks until it was deleted a week
  // ago; only CloudTrail remembers it (a region used with no cause the audit can find).
  builder.addRetiredRoleUse('eu-west-2', serviceLinkedRole, {
    windowName: 'patch-linux-trial',
    schedule: 'cron(0 3 ? * WED *)',
    task: { type: 'RUN_COMMAND', taskArn: 'AWS-RunPatchBaseline' },
    registeredDaysAgo: 60,
    deregisteredDaysAgo: 7,
  });

  // Inventory, by tag, by resource group and by instance id; and one association that is not Inventory.
  builder.addInventoryAssociation('us-east-1', 'inventory-production', [{ Key: 'tag:Environment', Values: ['Production'] }]);
  builder.addInventoryAssociation('eu-west-1', 'inventory-web-servers', [{ Key: 'resource-groups:Name', Values: ['web-servers'] }]);
  builder.addInventoryAssociation('us-west-2', 'inventory-data-platform', [{ Key: 'tag:Team', Values: ['data-platform'] }]);
  builder.addInventoryAssociation('ap-southeast-2', 'inventory-build-hosts', [{ Key: 'InstanceIds', Values: buildHosts }]);
  builder.addAssociation('us-east-1', {
    documentName: 'AWS-UpdateSSMAgent',
    associationName: 'update-ssm-agent-weekly',
    targets: [{ Key: 'tag:Environment', Values: ['Production'] }],
    scheduleExpression: 'rate(7 days)',
    lastExecutedDaysAgo: 2,
  });

  // Explorer aggregates every enabled region; an S3 Inventory sync sits beside it.
  builder.addExplorerSync('us-east-1', 'atlas-explorer-all-regions', builder.enabledRegionCodes());
  builder.addS3InventorySync('us-east-1', 'inventory-to-s3', `atlas-inventory-${accountId}`);

  builder.tagResource('us-east-1', `arn:aws:ssm:us-east-1:${accountId}:maintenancewindow/${linuxEast.WindowId}`, {
    Owner: 'platform-team',
  });
  return builder.state;
}
