// Where each finding lives in the AWS console, and the AWS CLI command that shows the same thing.

/**
 * The AWS console of a partition (aws-facts §13): console.aws.amazon.com, console.amazonaws.cn,
 * console.amazonaws-us-gov.com; with a region, its regional host.
 */
export function getConsoleHost(partition: string, region?: string): string {
  const prefix = region ? `${region}.` : '';
  if (partition === 'aws-cn') return `https://${prefix}console.amazonaws.cn`;
  if (partition === 'aws-us-gov') return `https://${prefix}console.amazonaws-us-gov.com`;
  return `https://${prefix}console.aws.amazon.com`;
}

/** Quotes a value for a POSIX shell when it holds anything beyond plain identifier characters. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface FindingLinks {
  consoleUrl: string;
  cliCommand: string;
}

export function getWindowLinks(partition: string, region: string, windowId: string): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/systems-manager/maintenance-windows/${encodeURIComponent(windowId)}?region=${region}`,
    cliCommand: `aws ssm describe-maintenance-window-tasks --window-id ${shellQuote(windowId)} --region ${region}`,
  };
}

export function getWindowTaskLinks(partition: string, region: string, windowId: string, windowTaskId: string): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/systems-manager/maintenance-windows/${encodeURIComponent(windowId)}/tasks?region=${region}`,
    cliCommand: `aws ssm get-maintenance-window-task --window-id ${shellQuote(windowId)} --window-task-id ${shellQuote(windowTaskId)} --region ${region}`,
  };
}

export function getAssociationLinks(partition: string, region: string, associationId: string): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/systems-manager/state-manager/${encodeURIComponent(associationId)}/description?region=${region}`,
    cliCommand: `aws ssm describe-association --association-id ${shellQuote(associationId)} --region ${region}`,
  };
}

export function getDataSyncLinks(partition: string, region: string, syncType: string | undefined): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/systems-manager/inventory?region=${region}`,
    cliCommand: `aws ssm list-resource-data-sync --sync-type ${shellQuote(syncType ?? 'SyncToDestination')} --region ${region}`,
  };
}

export function getResourceGroupLinks(partition: string, region: string, groupName: string): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/resource-groups/group/${encodeURIComponent(groupName)}?region=${region}`,
    cliCommand: `aws resource-groups get-group --group-name ${shellQuote(groupName)} --region ${region}`,
  };
}

export function getTaggedResourcesLinks(partition: string, region: string): FindingLinks {
  return {
    consoleUrl: `${getConsoleHost(partition, region)}/resource-groups/tag-editor/find-resources?region=${region}`,
    cliCommand: `aws resourcegroupstaggingapi get-resources --region ${region}`,
  };
}
