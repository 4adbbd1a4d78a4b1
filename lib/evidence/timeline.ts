import type { TrailEventRecord } from '@/lib/aws/types';
import type { RoleEvidence } from './types';

// The role's CloudTrail events across regions as one timeline, newest first: each session of the role (with what
// it touched, when that was read) and the other events that name the role.

export interface TimelineEntry {
  id: string;
  time: string;
  region: string;
  event: string;
  /** Who made the call: the service that assumed the role, or the caller's user name. */
  actor: string;
  /** What the session (or call) touched, in short: "SendCommand: AWS-RunPatchBaseline, i-0abc…". */
  touched: string[];
  /** False for older sessions whose own calls were not looked up (one lookup each, at 2 a second). */
  isTouchedKnown: boolean;
}

function shortName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 && name.startsWith('arn:') ? name.slice(slash + 1) : name;
}

export function describeCall(call: TrailEventRecord): string {
  const names = call.resources.map((resource) => shortName(resource.name)).filter((name) => name !== '');
  return names.length > 0 ? `${call.eventName}: ${names.join(', ')}` : call.eventName;
}

export function buildTimeline(evidence: RoleEvidence): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const region of evidence.regions) {
    for (const session of region.sessions) {
      entries.push({
        id: session.eventId,
        time: session.assumedAt,
        region: region.region,
        event: 'AssumeRole',
        actor: session.invokedBy ?? 'unknown service',
        touched: session.calls?.map(describeCall) ?? [],
        isTouchedKnown: session.calls !== undefined,
      });
    }
    for (const event of region.otherEvents) {
      entries.push({
        id: event.eventId,
        time: event.eventTime,
        region: event.region,
        event: event.eventName,
        actor: event.username ?? event.invokedBy ?? event.identityType ?? 'unknown',
        touched: event.resources.map((resource) => shortName(resource.name)),
        isTouchedKnown: true,
      });
    }
  }
  return entries.sort((left, right) => (left.time < right.time ? 1 : left.time > right.time ? -1 : 0));
}
