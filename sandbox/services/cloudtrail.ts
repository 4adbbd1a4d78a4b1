import { HISTORY_DAYS } from '../cloudtrail-history';
import { fingerprintRequest, takePage } from '../ids';
import type { RateLimit } from '../../lib/token-bucket';
import { SandboxError, type HandlerContext, type ServiceDefinition, type TrailEvent } from '../types';
import { getAccount } from './ssm';

// CloudTrail event history (JSON 1.1, target prefix com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101):
// LookupEvents over the region's last 90 days of management events, newest first, with AWS's one-attribute rule,
// time range, page size and rate (2 requests per second per account and region, enforced by the server).

/** AWS's published LookupEvents rate: two per second, per account, per region. */
export const LOOKUP_EVENTS_RATE: RateLimit = { ratePerSecond: 2, burst: 2 };

const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;
type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sort key that puts the newest event first, then by event id. */
const TIME_CEILING = 99_999_999_999_999;

function invalidAttributes(message: string): SandboxError {
  return new SandboxError('InvalidLookupAttributesException', message);
}

interface LookupAttribute {
  key: AttributeKey;
  value: string;
}

function readAttribute(input: Record<string, unknown>): LookupAttribute | undefined {
  const list = input.LookupAttributes;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalidAttributes('LookupAttributes must be a list.');
  if (list.length === 0) return undefined;
  if (list.length > 1) throw invalidAttributes('You can specify only one lookup attribute.');
  const [attribute] = list as unknown[];
  if (typeof attribute !== 'object' || attribute === null) throw invalidAttributes('A lookup attribute needs an AttributeKey and an AttributeValue.');
  const { AttributeKey: key, AttributeValue: value } = attribute as Record<string, unknown>;
  if (typeof key !== 'string' || !(ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw invalidAttributes(`AttributeKey must be one of ${ATTRIBUTE_KEYS.join(', ')}.`);
  }
  if (typeof value !== 'string' || value.length < 1 || value.length > 2000) {
    throw invalidAttributes('AttributeValue must be between 1 and 2000 characters.');
  }
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false') throw invalidAttributes('The ReadOnly attribute value must be true or false.');
  return { key: key as AttributeKey, value };
}

function readTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new SandboxError('InvalidTimeRangeException', `${field} is not a valid timestamp.`);
  return ms;
}

function matchesAttribute(event: TrailEvent, attribute: LookupAttribute | undefined): boolean {
  if (!attribute) return true;
  const { record } = event;
  switch (attribute.key) {
    case 'EventId':
      return record.eventID === attribute.value;
    case 'EventName':
      return record.eventName === attribute.value;
    case 'ReadOnly':
      return String(record.readOnly) === attribute.value;
    case 'Username':
      return event.username === attribute.value;
    case 'ResourceType':
      return event.resources.some((resource) => resource.ResourceType === attribute.value);
    case 'ResourceName':
      return event.resources.some((resource) => resource.ResourceName === attribute.value);
    case 'EventSource':
      return record.eventSource === attribute.value;
    case 'AccessKeyId':
      return record.userIdentity.accessKeyId === attribute.value;
  }
}

function toWireEvent(event: TrailEvent): Record<string, unknown> {
  const { record } = event;
  const output: Record<string, unknown> = {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly),
    EventTime: Date.parse(record.eventTime) / 1000,
    EventSource: record.eventSource,
    Resources: event.resources,
    CloudTrailEvent: JSON.stringify(record),
  };
  if (record.userIdentity.accessKeyId) output.AccessKeyId = record.userIdentity.accessKeyId;
  if (event.username) output.Username = event.username;
  return output;
}

function lookupEvents(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const attribute = readAttribute(input);
  const startMs = readTime(input.StartTime, 'StartTime');
  const endMs = readTime(input.EndTime, 'EndTime');
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) {
    throw new SandboxError('InvalidTimeRangeException', 'Start time must be earlier than end time.');
  }
  const maxResults = input.MaxResults ?? 50;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw new SandboxError('InvalidMaxResultsException', 'MaxResults must be an integer from 1 to 50.');
  }
  if (input.EventCategory !== undefined && input.EventCategory !== null && input.EventCategory !== 'insight') {
    throw new SandboxError('InvalidEventCategoryException', 'EventCategory must be insight.');
  }
  const token = typeof input.NextToken === 'string' && input.NextToken !== '' ? input.NextToken : undefined;
  const fingerprint = fingerprintRequest(['LookupEvents', ctx.accountId, ctx.region, attribute, startMs, endMs, input.EventCategory ?? null]);
  const oldestKeptMs = ctx.nowMs - HISTORY_DAYS * DAY_MS;
  const events = input.EventCategory === 'insight'
    ? []
    : ctx.store.read((state) => getAccount(state, ctx).cloudTrail?.[ctx.region] ?? []).filter((event) => {
        const timeMs = Date.parse(event.record.eventTime);
        return (
          timeMs >= oldestKeptMs &&
          (startMs === undefined || timeMs >= startMs) &&
          (endMs === undefined || timeMs <= endMs) &&
          matchesAttribute(event, attribute)
        );
      });
  const page = takePage(
    events,
    (event) => `${String(TIME_CEILING - Date.parse(event.record.eventTime)).padStart(14, '0')}|${event.record.eventID}`,
    maxResults,
    token,
    fingerprint,
  );
  if (!page) throw new SandboxError('InvalidNextTokenException', 'The NextToken is not valid for this request.');
  return { Events: page.items.map(toWireEvent), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export const cloudTrailService: ServiceDefinition = {
  service: 'cloudtrail',
  operations: { LookupEvents: lookupEvents },
};

/** Rates the server enforces for every caller, as AWS does, apart from any injected fault. */
export const PUBLISHED_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  'cloudtrail:LookupEvents': LOOKUP_EVENTS_RATE,
};
