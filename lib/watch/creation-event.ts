import 'server-only';
import type { AwsClients } from '@/lib/aws/clients';
import { lookupEvents } from '@/lib/aws/cloudtrail';
import { toAwsError } from '@/lib/aws/errors';
import type { TrailEventRecord } from '@/lib/aws/types';

// Finds the CloudTrail event that (re)created the service-linked role: IAM's CreateServiceLinkedRole (kept in
// us-east-1, with `invokedBy` naming the service that asked for it), or else the call that makes AWS create the
// role, RegisterTaskWithMaintenanceWindow without a role, in a region where a task newly relies on it.

/** How far from the role's CreateDate an event may be (CloudTrail and IAM times are both whole seconds). */
const WINDOW_MS = 2 * 60_000;

/** The event closest to the creation time among those in the window, or null. */
export function pickCreationEvent(events: TrailEventRecord[], createDate: string): TrailEventRecord | null {
  const createdMs = Date.parse(createDate);
  const near = events
    .filter((event) => !event.readOnly && Math.abs(Date.parse(event.eventTime) - createdMs) <= WINDOW_MS)
    .sort((a, b) => Math.abs(Date.parse(a.eventTime) - createdMs) - Math.abs(Date.parse(b.eventTime) - createdMs));
  return near[0] ?? null;
}

export type CreationEventLookup = { event: TrailEventRecord | null } | { event: null; problem: string };

export async function findRoleCreationEvent(
  clients: AwsClients,
  options: { createDate: string; iamRegion: string; taskRegions: string[] },
): Promise<CreationEventLookup> {
  const createdMs = Date.parse(options.createDate);
  const window = { startTime: new Date(createdMs - WINDOW_MS), endTime: new Date(createdMs + WINDOW_MS) };
  const lookups: Array<{ region: string; eventName: string }> = [
    { region: options.iamRegion, eventName: 'CreateServiceLinkedRole' },
    ...[...new Set(options.taskRegions)].map((region) => ({ region, eventName: 'RegisterTaskWithMaintenanceWindow' })),
  ];
  let problem: string | undefined;
  for (const lookup of lookups) {
    try {
      const { events } = await lookupEvents(clients.cloudTrail(lookup.region), { attribute: { key: 'EventName', value: lookup.eventName }, ...window, maxPages: 2 });
      const event = pickCreationEvent(events, options.createDate);
      if (event) return { event };
    } catch (error) {
      // CloudTrail may be denied or throttled: the recreation is still reported, without its event.
      problem = `CloudTrail LookupEvents in ${lookup.region} failed (${toAwsError(error).code})`;
    }
  }
  return problem ? { event: null, problem } : { event: null };
}

/** The event in words: what, where, when and by whom. */
export function describeCreationEvent(event: TrailEventRecord): string {
  const who = event.invokedBy ?? event.sessionIssuerArn ?? event.username ?? event.identityType ?? 'an unknown caller';
  return `${event.eventName} in ${event.region} at ${event.eventTime} by ${who} (event ${event.eventId})`;
}
