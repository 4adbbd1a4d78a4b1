import { DescribeMaintenanceWindowsCommand, RegisterTaskWithMaintenanceWindowCommand, type SSMClient } from '@aws-sdk/client-ssm';

// A maintenance-window task registered without a service role, as any AWS client could register one: it runs as
// the service-linked role (and recreates the role where it is absent). Registered in the region's first window.

export async function registerRoleLessTask(ssm: SSMClient, name: string): Promise<{ windowId: string; windowTaskId: string }> {
  const windowId = (await ssm.send(new DescribeMaintenanceWindowsCommand({}))).WindowIdentities?.[0]?.WindowId;
  if (!windowId) throw new Error('The region has no maintenance window to register a task with.');
  const { WindowTaskId } = await ssm.send(
    new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: windowId,
      TaskArn: 'AWS-RunShellScript',
      TaskType: 'RUN_COMMAND',
      Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
      Name: name,
    }),
  );
  if (!WindowTaskId) throw new Error('The registration answered without a window task id.');
  return { windowId, windowTaskId: WindowTaskId };
}
