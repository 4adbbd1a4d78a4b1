import 'server-only';
import { LookupEventsCommand, type CloudTrailClient, type Event, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { callAws } from './errors';
import { readPages, runDirectly, type ReadOptions } from './paging';
import type { TrailEventRecord } from './types';

// CloudTrail event history reads: LookupEvents in one region, one lookup attribute, paged to the end (or to a
// page limit), each event with the fields of its CloudTrail record the dashboard uses.

/** LookupEvents' largest page. */
export const LOOKUP_PAGE_SIZE = 50;

// The record is CloudTrail's JSON string: read only what is used, and tolerate everything else.
const recordSchema = z
  .object({
    awsRegion: z.string().optional(),
    userIdentity: z
      .object({
        type: z.string().optional(),
        invokedBy: z.string().optional(),
        accessKeyId: z.string().optional(),
        sessionContext: z.object({ sessionIssuer: z.object({ arn: z.string().optional() }).partial().optional() }).partial().optional(),
      })
      .partial()
      .optional(),
    requestParameters: z.object({ roleArn: z.string().optional() }).partial().nullable().optional(),
    responseElements: z
      .object({ credentials: z.object({ accessKeyId: z.string().optional() }).partial().optional() })
      .partial()
      .nullable()
      .optional(),
  })
  .partial();

function parseRecord(text: string | undefined): z.infer<typeof recordSchema> {
  if (!text) return {};
  try {
    const result = recordSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : {};
  } catch {
    return {};
  }
}

function toRecord(event: Event, region: string): TrailEventRecord {
  const record = parseRecord(event.CloudTrailEvent);
  const identity = record.userIdentity;
  const output: TrailEventRecord = {
    eventId: event.EventId ?? '',
    eventName: event.EventName ?? '',
    eventSource: event.EventSource ?? '',
    eventTime: event.EventTime ? event.EventTime.toISOString() : '',
    region: record.awsRegion ?? region,
    readOnly: event.ReadOnly === 'true',
    resources: (event.Resources ?? []).map((resource) => ({ type: resource.ResourceType ?? '', name: resource.ResourceName ?? '' })),
  };
  if (event.Username) output.username = event.Username;
  if (event.AccessKeyId) output.accessKeyId = event.AccessKeyId;
  if (identity?.type) output.identityType = identity.type;
  if (identity?.invokedBy) output.invokedBy = identity.invokedBy;
  const issuer = identity?.sessionContext?.sessionIssuer?.arn;
  if (issuer) output.sessionIssuerArn = issuer;
  if (event.EventName === 'AssumeRole') {
    const roleArn = record.requestParameters?.roleArn;
    if (roleArn) output.assumedRoleArn = roleArn;
    const sessionKey = record.responseElements?.credentials?.accessKeyId;
    if (sessionKey) output.sessionAccessKeyId = sessionKey;
  }
  return output;
}

export interface LookupEventsQuery {
  attribute: { key: LookupAttributeKey; value: string };
  startTime?: Date;
  endTime?: Date;
  /** Stop after this many pages (newest first); `isComplete` then says whether older events remain. */
  maxPages?: number;
  /** Stop after the page holding the first event this accepts (the newest such event is then read). */
  stopAt?: (event: TrailEventRecord) => boolean;
}

/** The events of `client`'s region matching one lookup attribute, newest first. */
export async function lookupEvents(
  client: CloudTrailClient,
  query: LookupEventsQuery,
  options: ReadOptions = {},
): Promise<{ events: TrailEventRecord[]; isComplete: boolean }> {
  const region = await client.config.region();
  const events: TrailEventRecord[] = [];
  const { isComplete } = await readPages(
    options.run ?? runDirectly,
    { operation: 'LookupEvents', key: `${query.attribute.key}=${query.attribute.value}` },
    (token, abortSignal) =>
      callAws(() =>
        client.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: query.attribute.key, AttributeValue: query.attribute.value }],
            StartTime: query.startTime,
            EndTime: query.endTime,
            MaxResults: LOOKUP_PAGE_SIZE,
            NextToken: token,
          }),
          { abortSignal },
        ),
      ),
    (page) => ({ items: page.Events, nextToken: page.NextToken }),
    (items) => {
      const records = items.map((event) => toRecord(event, region));
      events.push(...records);
      return !query.stopAt || !records.some(query.stopAt);
    },
    query.maxPages,
  );
  return { events, isComplete };
}
