import type { SandboxState } from '../types';
import { patchBaselineParameters, ScenarioBuilder } from './builders';

// A large estate for scale: every enabled region holds 200 maintenance windows of 5 tasks each, with a mix of
// tasks that rely on the service-linked role (no role, or its ARN) and tasks under the custom role; one region
// also holds 50,000 tagged instances.

export const LARGE_WINDOWS_PER_REGION = 200;
export const LARGE_TASKS_PER_WINDOW = 5;
/** One region holds far more tagged resources than the audit counts page by page, so its bound is exercised. */
export const LARGE_TAGGED_REGION = 'eu-west-1';
export const LARGE_TAGGED_RESOURCES = 50_000;

const WINDOW_KINDS = ['patch-linux', 'patch-windows', 'restart-app', 'backup-volumes', 'scan-compliance'] as const;

export function buildLargeScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('large', nowMs);
  const serviceLinkedRole = builder.addServiceLinkedRole(2000, { daysAgo: 0.1, region: 'us-east-1' });
  const customRole = builder.addCustomWindowRole(500);
  builder.addNotificationRole(500);
  const installParameters = patchBaselineParameters('Install');

  for (const regionCode of builder.enabledRegionCodes()) {
    for (let windowIndex = 0; windowIndex < LARGE_WINDOWS_PER_REGION; windowIndex += 1) {
      const kind = WINDOW_KINDS[windowIndex % WINDOW_KINDS.length] ?? 'patch-linux';
      const window = builder.addWindow(regionCode, {
        name: `${kind}-${String(windowIndex + 1).padStart(3, '0')}`,
        schedule: `cron(0 ${windowIndex % 24} ? * ${['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'][windowIndex % 7]} *)`,
        duration: 3,
        cutoff: 1,
        isEnabled: windowIndex % 10 !== 9,
        createdDaysAgo: 30 + (windowIndex % 300),
      });
      for (let taskIndex = 0; taskIndex < LARGE_TASKS_PER_WINDOW; taskIndex += 1) {
        // Every fourth window has a task without a role and every sixth one naming the service-linked role.
        const isRoleless = taskIndex === 0 && windowIndex % 4 === 0;
        const namesServiceLinkedRole = taskIndex === 1 && windowIndex % 6 === 0;
        builder.addTask(window, {
          type: 'RUN_COMMAND',
          taskArn: 'AWS-RunPatchBaseline',
          name: `${kind}-step-${taskIndex + 1}`,
          priority: taskIndex + 1,
          targets: [{ Key: 'tag:PatchGroup', Values: [kind] }],
          invocationParameters: installParameters,
          ...(isRoleless ? {} : { serviceRoleArn: namesServiceLinkedRole ? serviceLinkedRole.arn : customRole.arn }),
        });
      }
    }
    builder.addInventoryAssociation(regionCode, 'inventory-all-managed', [{ Key: 'InstanceIds', Values: ['*'] }]);
  }
  builder.addTaggedInstances(LARGE_TAGGED_REGION, LARGE_TAGGED_RESOURCES, { Role: 'fleet', PatchGroup: 'patch-linux' });
  builder.addExplorerSync('us-east-1', 'atlas-explorer-all-regions', builder.enabledRegionCodes());
  return builder.state;
}
