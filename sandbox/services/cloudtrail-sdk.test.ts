import {
  CloudTrailClient,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  LookupEventsCommand,
  ThrottlingException,
  type Event,
} from '@aws-sdk/client-cloudtrail';
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetRoleCommand,
  GetServiceLastAccessedDetailsCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { UpdateMaintenanceWindowTaskCommand } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLE_NAME, ROLE_PATH } from '../../lib/role/constants';
import { captureError, createClientConfig, createManualClock, sleep, startTestSandbox, type TestSandbox } from '../test-support';

// CloudTrail LookupEvents and IAM Access Advisor through the real SDK clients against a running sandbox. The
// expectations are read from the sandbox's raw state (/_sandbox/state), never from the code that serves them.

const ACCOUNT = '123456789012';
const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role${ROLE_PATH}${ROLE_NAME}`;

interface RawEvent {
  record: { eventID: string; eventTime: string; eventName: string; eventSource: string; userIdentity: { type: string; sessionContext?: { sessionIssuer: { arn: string } } } };
  resources: Array<{ ResourceType: string; ResourceName: string }>;
}

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function rawHistory(sandbox: TestSandbox): Promise<Record<string, RawEvent[]>> {
  const state = (await sandbox.admin('GET', 'state')).body;
  return state.accounts[ACCOUNT].cloudTrail ?? {};
}

/** All pages of a lookup, pausing between calls to stay within 2 requests a second. */
async function lookupAll(client: CloudTrailClient, input: ConstructorParameters<typeof LookupEventsCommand>[0]): Promise<{ events: Event[]; pages: number }> {
  const events: Event[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    if (pages > 0) await sleep(520);
    const page = await client.send(new LookupEventsCommand({ ...input, NextToken: token }));
    pages += 1;
    events.push(...(page.Events ?? []));
    token = page.NextToken;
  } while (token);
  return { events, pages };
}

describe('CloudTrail LookupEvents', () => {
  it('pages the role assumptions of a region newest first, as the state holds them, each with its CloudTrail record', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const history = await rawHistory(harness);
    const expected = (history['eu-west-1'] ?? [])
      .filter((event) => event.resources.some((resource) => resource.ResourceName === SLR_ARN))
      .map((event) => event.record.eventID)
      .reverse();
    expect(expected.length).toBeGreaterThan(20);
    const { events, pages } = await lookupAll(harness.cloudTrail('eu-west-1'), {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: SLR_ARN }],
      MaxResults: 20,
    });
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(events.map((event) => event.EventId)).toEqual(expected);
    const times = events.map((event) => event.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const newest = JSON.parse(events[0]!.CloudTrailEvent!);
    expect(newest).toMatchObject({
      eventName: 'AssumeRole',
      eventSource: 'sts.amazonaws.com',
      userIdentity: { type: 'AWSService', invokedBy: 'ssm.amazonaws.com' },
      requestParameters: { roleArn: SLR_ARN },
      awsRegion: 'eu-west-1',
    });
    const role = await harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(role.Role?.RoleLastUsed?.Region).toBe('eu-west-1');
    expect(role.Role?.RoleLastUsed?.LastUsedDate?.getTime()).toBe(events[0]!.EventTime!.getTime());
  });

  it('accepts exactly one lookup attribute with one of AWS keys', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const client = harness.cloudTrail('us-east-1');
    const several = await captureError(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'ResourceName', AttributeValue: SLR_ARN },
            { AttributeKey: 'EventName', AttributeValue: 'AssumeRole' },
          ],
        }),
      ),
    );
    expect(several).toBeInstanceOf(InvalidLookupAttributesException);
    await sleep(1100);
    const unknownKey = await captureError(
      client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'RoleArn' as 'ResourceName', AttributeValue: SLR_ARN }] })),
    );
    expect(unknownKey).toBeInstanceOf(InvalidLookupAttributesException);
    const byName = await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SendCommand' }], MaxResults: 50 }));
    expect(byName.Events?.length).toBeGreaterThan(0);
    expect(byName.Events?.every((event) => event.EventName === 'SendCommand')).toBe(true);
  });

  it('keeps to the time range, refuses an inverted one, a page size beyond 1–50 and a foreign token', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const history = await rawHistory(harness);
    const client = harness.cloudTrail('us-west-2');
    const end = new Date(Date.now() - 10 * 86_400_000);
    const start = new Date(Date.now() - 30 * 86_400_000);
    const expected = (history['us-west-2'] ?? []).filter((event) => {
      const time = Date.parse(event.record.eventTime);
      return time >= start.getTime() && time <= end.getTime() && event.record.eventName === 'AssumeRole';
    });
    const { events } = await lookupAll(client, {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }],
      StartTime: start,
      EndTime: end,
    });
    expect(events.map((event) => event.EventId).sort()).toEqual(expected.map((event) => event.record.eventID).sort());
    await sleep(1100);
    expect(await captureError(client.send(new LookupEventsCommand({ StartTime: end, EndTime: start })))).toBeInstanceOf(InvalidTimeRangeException);
    expect(await captureError(client.send(new LookupEventsCommand({ MaxResults: 51 })))).toBeInstanceOf(InvalidMaxResultsException);
    await sleep(1100);
    const first = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    const foreign = await captureError(
      client.send(new LookupEventsCommand({ MaxResults: 1, NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] })),
    );
    expect(foreign).toBeInstanceOf(InvalidNextTokenException);
  });

  it('throttles beyond 2 requests a second per region, and a retrying client still reads every page', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const eager = harness.cloudTrail('us-east-1');
    const answers = await Promise.allSettled([1, 2, 3, 4, 5].map(() => eager.send(new LookupEventsCommand({ MaxResults: 1 }))));
    const throttled = answers.filter((answer) => answer.status === 'rejected');
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(2);
    expect(throttled.every((answer) => answer.status === 'rejected' && answer.reason instanceof ThrottlingException)).toBe(true);
    // Another region has its own allowance.
    await expect(harness.cloudTrail('us-west-2').send(new LookupEventsCommand({ MaxResults: 1 }))).resolves.toBeDefined();

    const patient = new CloudTrailClient({ ...createClientConfig(harness.sandbox.url, 'eu-west-1'), maxAttempts: 10, retryMode: 'standard' });
    try {
      const history = await rawHistory(harness);
      const expected = (history['eu-west-1'] ?? []).length;
      const startedAt = Date.now();
      const events: Event[] = [];
      let token: string | undefined;
      let calls = 0;
      do {
        const page = await patient.send(new LookupEventsCommand({ MaxResults: 50, NextToken: token }));
        calls += 1;
        events.push(...(page.Events ?? []));
        token = page.NextToken;
      } while (token);
      expect(events).toHaveLength(expected);
      // Past the first two, each call waits for the bucket: at most 2 a second.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(((calls - 2) / 2) * 1000 - 100);
    } finally {
      patient.destroy();
    }
  });

  it('records write calls made through the sandbox as events of their region', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const history = await rawHistory(harness);
    const state = (await harness.admin('GET', 'state')).body;
    const window = Object.values(state.accounts[ACCOUNT].regions['af-south-1'].windows)[0] as { WindowId: string; tasks: Record<string, { WindowTaskId: string }> };
    const task = Object.values(window.tasks)[0]!;
    const customRole = `arn:aws:iam::${ACCOUNT}:role/AtlasMaintenanceWindowRole`;
    await harness.ssm('af-south-1').send(new UpdateMaintenanceWindowTaskCommand({ WindowId: window.WindowId, WindowTaskId: task.WindowTaskId, ServiceRoleArn: customRole }));
    const after = await rawHistory(harness);
    expect(after['af-south-1']!.length).toBe(history['af-south-1']!.length + 1);
    const found = await harness.cloudTrail('af-south-1').send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'UpdateMaintenanceWindowTask' }] }),
    );
    expect(found.Events).toHaveLength(1);
    expect(found.Events?.[0]?.Username).toBe('sandbox-admin');
    expect(JSON.parse(found.Events![0]!.CloudTrailEvent!).requestParameters).toMatchObject({ serviceRoleArn: customRole });
    // Moving a task off the role is not a use of the role: the last use IAM reports is unchanged.
    const role = await harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(role.Role?.RoleLastUsed?.LastUsedDate?.toISOString()).toBe(new Date(state.accounts[ACCOUNT].iam.roles[ROLE_NAME].roleLastUsed.lastUsedDate).toISOString());
  });

  it('records a use of the role on request through the admin API, newest in its region and in RoleLastUsed; bad input changes nothing', async () => {
    harness = await startTestSandbox({ scenario: 'demo' });
    const before = await rawHistory(harness);
    for (const body of [{ region: 'mars-north-1x' }, { region: 'eu-west-1', accountId: '999999999999' }, { region: 'me-south-1' }, { region: 'eu-west-1', extra: true }]) {
      const refused = await harness.admin('POST', 'role-use', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect(await rawHistory(harness)).toEqual(before);

    const recorded = await harness.admin('POST', 'role-use', { region: 'eu-west-1' });
    expect(recorded.status).toBe(200);
    const after = await rawHistory(harness);
    expect(after['eu-west-1']!.length).toBe(before['eu-west-1']!.length + 1);
    const newest = after['eu-west-1']!.at(-1)!;
    expect(newest.record.eventID).toBe(recorded.body.eventId);
    expect(newest.record.eventName).toBe('AssumeRole');
    expect(Date.now() - Date.parse(newest.record.eventTime)).toBeLessThan(5_000);
    const found = await harness.cloudTrail('eu-west-1').send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: SLR_ARN }], MaxResults: 1 }),
    );
    expect(found.Events?.[0]?.EventId).toBe(newest.record.eventID);
    const role = await harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(role.Role?.RoleLastUsed?.LastUsedDate?.toISOString()).toBe(new Date(newest.record.eventTime).toISOString());
    expect(role.Role?.RoleLastUsed?.Region).toBe('eu-west-1');
  });

  it('answers AccessDeniedException when the caller lacks cloudtrail:LookupEvents', async () => {
    harness = await startTestSandbox({ scenario: 'demo', faults: [{ service: 'cloudtrail', accessDenied: true }] });
    const error = await captureError(harness.cloudTrail('eu-west-1').send(new LookupEventsCommand({})));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('cloudtrail:LookupEvents');
  });
});

describe('IAM Access Advisor', () => {
  it('reports IN_PROGRESS for the configured time, then every granted service with the last use the history shows', async () => {
    const clock = createManualClock();
    harness = await startTestSandbox({ scenario: 'demo', clock: clock.now, accessAdvisor: { jobDurationMs: 5_000 } });
    const { JobId } = await harness.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: SLR_ARN, Granularity: 'ACTION_LEVEL' }));
    expect(JobId).toHaveLength(36);
    const running = await harness.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(running.JobStatus).toBe('IN_PROGRESS');
    expect(running.ServicesLastAccessed).toEqual([]);
    clock.advance(5_000);

    const services = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await harness.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 4, Marker: marker }));
      expect(page.JobStatus).toBe('COMPLETED');
      expect(page.JobType).toBe('ACTION_LEVEL');
      services.push(...(page.ServicesLastAccessed ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages += 1;
    } while (marker);
    expect(pages).toBeGreaterThan(1);

    // Independently: the newest call per event source made with a session of the role, from the raw history.
    const history = await rawHistory(harness);
    const newest = new Map<string, { time: number; region: string }>();
    for (const [region, events] of Object.entries(history)) {
      for (const event of events) {
        if (event.record.userIdentity.sessionContext?.sessionIssuer.arn !== SLR_ARN) continue;
        const namespace = event.record.eventSource === 'tagging.amazonaws.com' ? 'tag' : event.record.eventSource.split('.')[0]!;
        const time = Date.parse(event.record.eventTime);
        if ((newest.get(namespace)?.time ?? 0) < time) newest.set(namespace, { time, region });
      }
    }
    expect(newest.size).toBeGreaterThan(2);
    for (const [namespace, use] of newest) {
      const service = services.find((candidate) => candidate.ServiceNamespace === namespace);
      expect(service?.LastAuthenticated?.getTime(), namespace).toBe(use.time);
      expect(service?.LastAuthenticatedRegion, namespace).toBe(use.region);
    }
    const unused = services.filter((service) => !newest.has(service.ServiceNamespace!));
    expect(unused.length).toBeGreaterThan(0);
    expect(unused.every((service) => service.LastAuthenticated === undefined && service.TotalAuthenticatedEntities === 0)).toBe(true);
    const ec2 = services.find((service) => service.ServiceNamespace === 'ec2');
    const describeInstances = ec2?.TrackedActionsLastAccessed?.find((action) => action.ActionName === 'DescribeInstances');
    expect(describeInstances?.LastAccessedTime?.getTime()).toBe(newest.get('ec2')?.time);
    expect(describeInstances?.LastAccessedRegion).toBe(newest.get('ec2')?.region);
  });

  it('ends a job FAILED on demand, and answers NoSuchEntity for unknown roles and jobs', async () => {
    harness = await startTestSandbox({ scenario: 'demo', accessAdvisor: { jobDurationMs: 0 } });
    await harness.admin('POST', 'settings', { accessAdvisor: { failJobs: true } });
    const { JobId } = await harness.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: SLR_ARN }));
    const failed = await harness.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(failed.JobStatus).toBe('FAILED');
    expect(failed.Error?.Message).toBeTruthy();
    const missingRole = await captureError(
      harness.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:role/NoSuchRoleAnywhere` })),
    );
    expect(missingRole).toBeInstanceOf(NoSuchEntityException);
    const missingJob = await captureError(harness.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-4000-8000-000000000000' })));
    expect(missingJob).toBeInstanceOf(NoSuchEntityException);
  });

  it('answers AccessDenied for each Access Advisor call the caller may not make', async () => {
    harness = await startTestSandbox({ scenario: 'demo', accessAdvisor: { jobDurationMs: 0 } });
    const { JobId } = await harness.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: SLR_ARN }));
    await harness.admin('POST', 'faults', { faults: [{ service: 'iam', operation: 'GenerateServiceLastAccessedDetails', accessDenied: true }, { service: 'iam', operation: 'GetServiceLastAccessedDetails', accessDenied: true }] });
    const generate = await captureError(harness.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: SLR_ARN })));
    expect(generate.name).toBe('AccessDenied');
    expect(generate.message).toContain('iam:GenerateServiceLastAccessedDetails');
    const read = await captureError(harness.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId })));
    expect(read.name).toBe('AccessDenied');
    expect(read.message).toContain('iam:GetServiceLastAccessedDetails');
  });
});
