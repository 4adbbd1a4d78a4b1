import type { SandboxState } from '../types';
import { ScenarioBuilder } from './builders';

// The service-linked role has been deleted. Custom-role work remains, and an Explorer sync left behind reports
// NoPermissions until something recreates the role.

export function buildAbsentScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('absent', nowMs);
  const customRole = builder.addCustomWindowRole(300);
  builder.addNotificationRole(300);

  const restartEast = builder.addWindow('us-east-1', {
    name: 'restart-app-servers',
    schedule: 'cron(30 2 ? * SAT *)',
    duration: 2,
    cutoff: 0,
    createdDaysAgo: 250,
  });
  builder.addTask(restartEast, {
    type: 'AUTOMATION',
    taskArn: 'AWS-RestartEC2Instance',
    name: 'restart-instances',
    serviceRoleArn: customRole.arn,
    invocationParameters: { Automation: { DocumentVersion: '$DEFAULT', Parameters: { InstanceId: ['{{RESOURCE_ID}}'] } } },
  });
  builder.addAssociation('us-east-1', {
    documentName: 'AWS-UpdateSSMAgent',
    associationName: 'update-ssm-agent-weekly',
    targets: [{ Key: 'InstanceIds', Values: [builder.instanceId()] }],
    scheduleExpression: 'rate(7 days)',
    lastExecutedDaysAgo: 4,
  });
  builder.addExplorerSync('us-east-1', 'atlas-explorer-all-regions', builder.enabledRegionCodes());
  return builder.state;
}
