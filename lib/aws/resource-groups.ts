import 'server-only';
import { ListGroupsCommand, type ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { callAws } from '@/lib/aws/errors';
import { collectPages, runDirectly, type ReadOptions } from '@/lib/aws/paging';
import type { ResourceGroupRecord } from '@/lib/aws/types';

// Resource Groups reads: the groups whose membership the service-linked role reads for Inventory.

export async function listResourceGroups(client: ResourceGroupsClient, options: ReadOptions = {}): Promise<ResourceGroupRecord[]> {
  const groups = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListGroups' },
    (token, abortSignal) => callAws(() => client.send(new ListGroupsCommand({ MaxResults: 50, NextToken: token }), { abortSignal })),
    (page) => ({ items: page.GroupIdentifiers, nextToken: page.NextToken }),
  );
  return groups.flatMap((group) =>
    group.GroupName
      ? [{ name: group.GroupName, arn: group.GroupArn ?? '', description: group.Description || undefined }]
      : [],
  );
}

