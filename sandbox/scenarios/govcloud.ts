import type { SandboxState } from '../types';
import { ScenarioBuilder } from './builders';

// The account in AWS GovCloud (US), partition aws-us-gov: its two regions only (us-gov-west-1, us-gov-east-1),
// every ARN `arn:aws-us-gov:…`, IAM and STS answering only for GovCloud regions. The role exists; one task in
// us-gov-east-1 relies on it (a blocker to clean up), the other runs under a custom role.

export function buildGovCloudScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('govcloud', nowMs, [], { partition: 'aws-us-gov' });
  builder.addServiceLinkedRole(500, { daysAgo: 2, region: 'us-gov-east-1' });
  const customRole = builder.addCustomWindowRole(200);

  const patching = builder.addWindow('us-gov-west-1', {
    name: 'patch-linux-weekly',
    schedule: 'cron(0 3 ? * SUN *)',
    duration: 4,
    cutoff: 1,
    createdDaysAgo: 300,
  });
  builder.addTask(patching, { type: 'RUN_COMMAND', taskArn: 'AWS-RunPatchBaseline', name: 'install-patches', serviceRoleArn: customRole.arn });

  const restarts = builder.addWindow('us-gov-east-1', {
    name: 'restart-app-servers',
    schedule: 'cron(30 2 ? * SAT *)',
    duration: 2,
    cutoff: 0,
    createdDaysAgo: 120,
  });
  // No ServiceRoleArn: the task runs as the service-linked role and blocks its deletion.
  builder.addTask(restarts, { type: 'AUTOMATION', taskArn: 'AWS-RestartEC2Instance', name: 'restart-instances' });
  return builder.state;
}
