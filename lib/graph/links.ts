// Where each node leads: the dashboard's region page, the AWS console, and the delete-wizard step that resolves it.

import {
  getAssociationLinks,
  getDataSyncLinks,
  getResourceGroupLinks,
  getTaggedResourcesLinks,
  getWindowLinks,
  getConsoleHost,
  getWindowTaskLinks,
} from '@/lib/audit/console-links';
import type { GraphLink } from '@/lib/graph/types';

function external(href: string, label: string): GraphLink {
  return { href, label, isExternal: true };
}

function internal(href: string, label: string): GraphLink {
  return { href, label, isExternal: false };
}

export function getRegionPageLink(regionCode: string): GraphLink {
  return internal(`/regions/${encodeURIComponent(regionCode)}`, `Open the ${regionCode} region page`);
}

export function getRoleConsoleLink(partition: string, roleName: string): GraphLink {
  return external(`${getConsoleHost(partition)}/iam/home#/roles/details/${encodeURIComponent(roleName)}`, 'Open the role in the IAM console');
}

export function getSystemsManagerConsoleLink(partition: string, regionCode: string): GraphLink {
  return external(`${getConsoleHost(partition, regionCode)}/systems-manager/home?region=${regionCode}`, `Open Systems Manager in ${regionCode}`);
}

export function getWindowConsoleLink(partition: string, regionCode: string, windowId: string): GraphLink {
  return external(getWindowLinks(partition, regionCode, windowId).consoleUrl, 'Open the maintenance window in the AWS console');
}

export function getTaskConsoleLink(partition: string, regionCode: string, windowId: string, windowTaskId: string): GraphLink {
  return external(getWindowTaskLinks(partition, regionCode, windowId, windowTaskId).consoleUrl, "Open the window's tasks in the AWS console");
}

export function getMaintenanceWindowsConsoleLink(partition: string, regionCode: string): GraphLink {
  return external(
    `${getConsoleHost(partition, regionCode)}/systems-manager/maintenance-windows?region=${regionCode}`,
    `Open the maintenance windows of ${regionCode} in the AWS console`,
  );
}

export function getAssociationConsoleLink(partition: string, regionCode: string, associationId: string): GraphLink {
  return external(getAssociationLinks(partition, regionCode, associationId).consoleUrl, 'Open the association in the AWS console');
}

export function getTagEditorConsoleLink(partition: string, regionCode: string): GraphLink {
  return external(getTaggedResourcesLinks(partition, regionCode).consoleUrl, 'Open the Tag Editor in the AWS console');
}

export function getResourceGroupConsoleLink(partition: string, regionCode: string, groupName: string): GraphLink {
  return external(getResourceGroupLinks(partition, regionCode, groupName).consoleUrl, 'Open the resource group in the AWS console');
}

export function getDataSyncConsoleLink(partition: string, regionCode: string, syncType: string | undefined): GraphLink {
  return external(getDataSyncLinks(partition, regionCode, syncType).consoleUrl, 'Open the resource data syncs in the AWS console');
}

function wizardHref(params: Record<string, string>): string {
  return `/delete?${new URLSearchParams(params).toString()}`;
}

export function getTaskWizardLink(taskArn: string): GraphLink {
  return internal(wizardHref({ step: 'blockers', task: taskArn }), 'Resolve in the delete wizard: move the task to a custom role or deregister it');
}

export function getWindowWizardLink(): GraphLink {
  return internal(wizardHref({ step: 'blockers' }), "Resolve this window's blocking tasks in the delete wizard");
}

export function getRegionWizardLink(regionCode: string): GraphLink {
  return internal(wizardHref({ step: 'blockers' }), `Resolve the blockers in ${regionCode} in the delete wizard`);
}

export function getDataImpactWizardLink(): GraphLink {
  return internal(wizardHref({ step: 'data' }), 'Review the data this deletion loses in the delete wizard');
}

export function getWizardStartLink(): GraphLink {
  return internal('/delete', 'Open the delete wizard');
}
