import 'server-only';
import { DeleteGroupCommand, type ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { UntagResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { callAws } from '@/lib/aws/errors';
import { requestIdOf } from '@/lib/aws/paging';
import type { RequestMeta } from '@/lib/aws/types';

// Writes to the user's own data that Inventory gathers through the role: deleting a resource group and removing
// tag keys. Both are optional clean-up steps for the role; neither touches the resources themselves.

/** UntagResources accepts at most this many ARNs per call. */
export const UNTAG_BATCH_SIZE = 20;

/** DeleteGroup: removes the group itself; the resources in it stay as they are. */
export async function deleteResourceGroup(client: ResourceGroupsClient, groupName: string): Promise<RequestMeta> {
  const output = await callAws(() => client.send(new DeleteGroupCommand({ Group: groupName })));
  return requestIdOf(output);
}

export interface UntagOutcome extends RequestMeta {
  /** ARN → why the tag could not be removed from it. */
  failed: Record<string, string>;
}

/** UntagResources for at most UNTAG_BATCH_SIZE ARNs: removes `tagKeys` only; other tags and the resources stay. */
export async function untagResources(client: ResourceGroupsTaggingAPIClient, resourceArns: string[], tagKeys: string[]): Promise<UntagOutcome> {
  const output = await callAws(() => client.send(new UntagResourcesCommand({ ResourceARNList: resourceArns, TagKeys: tagKeys })));
  const failed: Record<string, string> = {};
  for (const [arn, info] of Object.entries(output.FailedResourcesMap ?? {})) failed[arn] = `${info.ErrorCode ?? 'Error'}: ${info.ErrorMessage ?? 'no message'}`;
  return { failed, ...requestIdOf(output) };
}
