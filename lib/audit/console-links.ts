// Where each finding lives in the AWS console, and the AWS CLI command that shows the same thing.

function consoleBase(region: string): string {
  return `https://${region}.console.aws.amazon.com`;
}

/** Quotes a value for a POSIX shell when it holds anything beyond plain identifier characters. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface FindingLinks {
  consoleUrl: string;
  cliCommand: string;
}

export function getWindowLinks(region: string, windowId: string): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/systems-manager/maintenance-windows/${encodeURIComponent(windowId)}?region=${region}`,
    cliCommand: `aws ssm describe-maintenance-window-tasks --window-id ${shellQuote(windowId)} --region ${region}`,
  };
}

export function getWindowTaskLinks(region: string, windowId: string, windowTaskId: string): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/systems-manager/maintenance-windows/${encodeURIComponent(windowId)}/tasks?region=${region}`,
    cliCommand: `aws ssm get-maintenance-window-task --window-id ${shellQuote(windowId)} --window-task-id ${shellQuote(windowTaskId)} --region ${region}`,
  };
}

export function getAssociationLinks(region: string, associationId: string): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/systems-manager/state-manager/${encodeURIComponent(associationId)}/description?region=${region}`,
    cliCommand: `aws ssm describe-association --association-id ${shellQuote(associationId)} --region ${region}`,
  };
}

export function getDataSyncLinks(region: string, syncType: string | undefined): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/systems-manager/inventory?region=${region}`,
    cliCommand: `aws ssm list-resource-data-sync --sync-type ${shellQuote(syncType ?? 'SyncToDestination')} --region ${region}`,
  };
}

export function getResourceGroupLinks(region: string, groupName: string): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/resource-groups/group/${encodeURIComponent(groupName)}?region=${region}`,
    cliCommand: `aws resource-groups get-group --group-name ${shellQuote(groupName)} --region ${region}`,
  };
}

export function getTaggedResourcesLinks(region: string): FindingLinks {
  return {
    consoleUrl: `${consoleBase(region)}/resource-groups/tag-editor/find-resources?region=${region}`,
    cliCommand: `aws resourcegroupstaggingapi get-resources --region ${region}`,
  };
}
