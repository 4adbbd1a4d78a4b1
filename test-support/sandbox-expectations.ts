import type { RegionCounts } from '@/lib/audit/summary';
import type { SandboxState } from '@/sandbox/types';

// Test support: the figures an audit must show, computed independently from the sandbox's own state.

export interface ExpectedRegion {
  isEnabled: boolean;
  counts: RegionCounts;
}

export function getExpectedRegions(state: SandboxState, accountId: string): Record<string, ExpectedRegion> {
  const account = state.accounts[accountId];
  if (!account) throw new Error(`The sandbox state has no account ${accountId}`);
  // Written out here rather than taken from the dashboard: the role's ARN with its path, or without it.
  const roleArnPattern = new RegExp(`^arn:${account.partition}:iam::${accountId}:role/(aws-service-role/ssm\\.amazonaws\\.com/)?AWSServiceRoleForAmazonSSM$`);
  const expected: Record<string, ExpectedRegion> = {};
  for (const region of Object.values(account.regions)) {
    const tasks = Object.values(region.windows).flatMap((window) => Object.values(window.tasks));
    const onRole = tasks.filter((task) => !task.ServiceRoleArn || roleArnPattern.test(task.ServiceRoleArn)).length;
    expected[region.code] = {
      isEnabled: region.optInStatus !== 'not-opted-in',
      counts: {
        windows: Object.keys(region.windows).length,
        tasksOnRole: onRole,
        tasksOnCustomRoles: tasks.length - onRole,
        inventoryAssociations: Object.values(region.associations).filter((association) => association.Name === 'AWS-GatherSoftwareInventory').length,
        dataSyncs: Object.keys(region.dataSyncs).length,
        resourceGroups: Object.keys(region.resourceGroups).length,
        // GetResources lists tagged resources and tagged resource groups alike.
        taggedResources: new Set([
          ...Object.entries(region.taggedResources).filter(([, tags]) => Object.keys(tags).length > 0).map(([arn]) => arn),
          ...Object.values(region.resourceGroups).filter((group) => Object.keys(group.tags).length > 0).map((group) => group.GroupArn),
        ]).size,
      },
    };
  }
  return expected;
}
