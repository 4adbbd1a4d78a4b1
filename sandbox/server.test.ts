import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand, NoSuchEntityException, UpdateRoleDescriptionCommand } from '@aws-sdk/client-iam';
import { DescribeMaintenanceWindowsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ListGroupsCommand, ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLE_NAME } from '../lib/role/constants';
import { startSandbox } from './server';
import { STATE_FILE_NAME } from './store';
import {
  captureError,
  createClientConfig,
  createDataDir,
  createTestState,
  startTestSandbox,
  writeStateFile,
  type TestSandbox,
} from './test-support';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

function fakeAuthorization(service: string, region = 'us-east-1', key = 'AKIATESTSANDBOX00001'): string {
  return `AWS4-HMAC-SHA256 Credential=${key}/20261127/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`;
}

async function postRaw(url: string, headers: Record<string, string>, body: string, pathname = '/') {
  const response = await fetch(`${url}${pathname}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('routing and authentication', () => {
  it('answers unsigned requests with MissingAuthenticationToken in each wire form', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const query = await postRaw(harness.sandbox.url, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Action=GetRole&Version=2010-05-08&RoleName=x');
    expect(query.status).toBe(403);
    expect(query.text).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>');
    const json = await postRaw(harness.sandbox.url, { 'X-Amz-Target': 'AmazonSSM.DescribeMaintenanceWindows', 'Content-Type': 'application/x-amz-json-1.1' }, '{}');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(json.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const rest = await postRaw(harness.sandbox.url, { 'Content-Type': 'application/json' }, '{}', '/groups-list');
    expect(rest.status).toBe(403);
    expect(rest.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('rejects access keys starting with INVALID as each service does', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const badCredentials = { accessKeyId: 'INVALIDKEY0000000000', secretAccessKey: 'x' };
    const sts = new STSClient(createClientConfig(harness.sandbox.url, 'us-east-1', badCredentials));
    const stsError = await captureError(sts.send(new GetCallerIdentityCommand({})));
    expect(stsError.name).toBe('InvalidClientTokenId');
    expect(stsError.$metadata?.httpStatusCode).toBe(403);
    const ssm = new SSMClient(createClientConfig(harness.sandbox.url, 'us-east-1', badCredentials));
    const ssmError = await captureError(ssm.send(new DescribeMaintenanceWindowsCommand({})));
    expect(ssmError.name).toBe('UnrecognizedClientException');
    expect(ssmError.message).toBe('The security token included in the request is invalid.');
    sts.destroy();
    ssm.destroy();
  });

  it('answers STS GetCallerIdentity as the sandbox administrator in account 123456789012', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const identity = await harness.sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/sandbox-admin' });
    expect(identity.UserId).toMatch(/^AIDA/);
  });

  it('refuses unknown operations and malformed requests without changing anything', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const { url } = harness.sandbox;
    const before = (await harness.admin('GET', 'state')).body;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: fakeAuthorization('iam') };
    const unknown = await postRaw(url, form, `Action=DeleteEverything&Version=2010-05-08&RoleName=${ROLE_NAME}`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<Code>InvalidAction</Code>');
    const conflicting = await postRaw(url, form, 'Action=ListRoles&Version=2010-05-08&PathPrefix=/&PathPrefix.member.1=x');
    expect(conflicting.status).toBe(400);
    expect(conflicting.text).toContain('<Code>MalformedQueryString</Code>');
    const ec2Unknown = await postRaw(url, { ...form, Authorization: fakeAuthorization('ec2') }, 'Action=TerminateInstances&Version=2016-11-15');
    expect(ec2Unknown.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Errors><Error><Code>InvalidAction<\/Code>/);
    const json = { 'Content-Type': 'application/x-amz-json-1.1', Authorization: fakeAuthorization('ssm') };
    const unknownJson = await postRaw(url, { ...json, 'X-Amz-Target': 'AmazonSSM.DeleteEverything' }, '{}');
    expect(JSON.parse(unknownJson.text).__type).toBe('UnknownOperationException');
    const badJson = await postRaw(url, { ...json, 'X-Amz-Target': 'AmazonSSM.DescribeMaintenanceWindows' }, '{"MaxResults":');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text).__type).toBe('SerializationException');
    const unknownRoute = await postRaw(url, { 'Content-Type': 'application/json', Authorization: fakeAuthorization('resource-groups') }, '{}', '/no-such-route');
    expect(unknownRoute.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const after = (await harness.admin('GET', 'state')).body;
    expect(after).toEqual(before);
  });

  it('serves Resource Groups over REST JSON and the tagging API over JSON 1.1 through the SDK', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const groups = new ResourceGroupsClient(createClientConfig(harness.sandbox.url));
    const tagging = new ResourceGroupsTaggingAPIClient(createClientConfig(harness.sandbox.url));
    expect((await groups.send(new ListGroupsCommand({ MaxResults: 10 }))).GroupIdentifiers).toEqual([]);
    expect((await tagging.send(new GetResourcesCommand({}))).ResourceTagMappingList).toEqual([]);
    groups.destroy();
    tagging.destroy();
  });
});

describe('regions not enabled for the account', () => {
  it('answer every regional service as AWS does, while IAM accepts any signing region', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const { url } = harness.sandbox;
    for (const region of ['ap-east-1', 'xx-nowhere-1']) {
      const ssmError = await captureError(harness.ssm(region).send(new DescribeMaintenanceWindowsCommand({})));
      expect(ssmError.name).toBe('UnrecognizedClientException');
      expect(ssmError.$metadata?.httpStatusCode).toBe(400);
      const ec2Error = await captureError(harness.ec2(region).send(new (await import('@aws-sdk/client-ec2')).DescribeRegionsCommand({})));
      expect(ec2Error.name).toBe('AuthFailure');
      expect(ec2Error.$metadata?.httpStatusCode).toBe(401);
      const groups = new ResourceGroupsClient(createClientConfig(url, region));
      const groupsError = await captureError(groups.send(new ListGroupsCommand({})));
      expect(groupsError.name).toBe('UnrecognizedClientException');
      expect(groupsError.$metadata?.httpStatusCode).toBe(403);
      groups.destroy();
      const tagging = new ResourceGroupsTaggingAPIClient(createClientConfig(url, region));
      expect((await captureError(tagging.send(new GetResourcesCommand({})))).name).toBe('UnrecognizedClientException');
      tagging.destroy();
    }
    // An opted-in region answers.
    expect((await harness.ssm('eu-south-1').send(new DescribeMaintenanceWindowsCommand({}))).WindowIdentities).toEqual([]);
    const iam = new IAMClient(createClientConfig(url, 'ap-east-1'));
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.RoleName).toBe(ROLE_NAME);
    iam.destroy();
  });
});

describe('state', () => {
  it('survives a restart, and the scenario is used only when no state file exists', async () => {
    const dataDir = await createDataDir();
    harness = await startTestSandbox({ dataDir, scenario: 'absent' });
    expect(await captureError(harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })))).toBeInstanceOf(NoSuchEntityException);
    await harness.iam.send(new CreateRoleCommand({ RoleName: 'Survivor', AssumeRolePolicyDocument: TRUST }));
    await harness.stop({ keepDataDir: true });
    harness = await startTestSandbox({ dataDir, scenario: 'demo' });
    expect((await harness.iam.send(new GetRoleCommand({ RoleName: 'Survivor' }))).Role?.RoleName).toBe('Survivor');
    expect(await captureError(harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })))).toBeInstanceOf(NoSuchEntityException);
    expect((await harness.admin('GET', 'health')).body).toMatchObject({ ok: true, scenario: 'absent' });
  });

  it('resets to a named scenario and refuses unknown ones', async () => {
    harness = await startTestSandbox({ state: createTestState({ hasRole: false }) });
    const reset = await harness.admin('POST', 'reset', { scenario: 'demo' });
    expect(reset).toEqual({ status: 200, body: { ok: true, scenario: 'demo' } });
    expect((await harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.RoleName).toBe(ROLE_NAME);
    expect((await harness.ssm('us-east-1').send(new DescribeMaintenanceWindowsCommand({}))).WindowIdentities?.length).toBeGreaterThan(0);
    const saved = JSON.parse(await readFile(path.join(harness.dataDir, STATE_FILE_NAME), 'utf8'));
    expect(saved.scenario).toBe('demo');
    const unknown = await harness.admin('POST', 'reset', { scenario: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('demo, clean, absent, large');
    expect((await harness.admin('GET', 'health')).body.scenario).toBe('demo');
  });

  it('refuses to start on a corrupt state file, naming it and how to reset, and leaves it untouched', async () => {
    const dataDir = await createDataDir();
    const filePath = path.join(dataDir, STATE_FILE_NAME);
    await writeFile(filePath, '{"version":1,"scenario":"demo","accounts":{');
    const error = await captureError(startSandbox({ port: 0, dataDir }));
    expect(error.message).toContain(filePath);
    expect(error.message).toContain('not valid JSON');
    expect(error.message).toContain('POST /_sandbox/reset');
    expect(error.message).toMatch(/delete or move that file/);
    expect(await readFile(filePath, 'utf8')).toBe('{"version":1,"scenario":"demo","accounts":{');
    await writeFile(filePath, JSON.stringify({ version: 7, scenario: 'x', accounts: {} }));
    expect((await captureError(startSandbox({ port: 0, dataDir }))).message).toContain('unsupported state version 7');
    await writeFile(filePath, JSON.stringify({ version: 1, scenario: 'x', accounts: {} }));
    expect((await captureError(startSandbox({ port: 0, dataDir }))).message).toContain('holds no account 123456789012');
  });

  it('never loses an update when many writers change the state at once', async () => {
    const dataDir = await createDataDir();
    await writeStateFile(dataDir, createTestState());
    harness = await startTestSandbox({ dataDir });
    const { iam } = harness;
    const writers = Array.from({ length: 60 }, (_, index) => iam.send(new CreateRoleCommand({ RoleName: `Writer${index}`, AssumeRolePolicyDocument: TRUST })));
    const describers = Array.from({ length: 20 }, (_, index) => iam.send(new UpdateRoleDescriptionCommand({ RoleName: ROLE_NAME, Description: `edit ${index}` })));
    await Promise.all([...writers, ...describers]);
    const listed = await iam.send(new ListRolesCommand({ PathPrefix: '/', MaxItems: 1000 }));
    expect(listed.Roles?.filter((role) => role.RoleName?.startsWith('Writer'))).toHaveLength(60);
    await harness.stop({ keepDataDir: true });
    const saved = JSON.parse(await readFile(path.join(dataDir, STATE_FILE_NAME), 'utf8'));
    const savedRoles = Object.keys(saved.accounts['123456789012'].iam.roles);
    expect(savedRoles.filter((name) => name.startsWith('Writer'))).toHaveLength(60);
    expect(saved.accounts['123456789012'].iam.roles[ROLE_NAME].description).toMatch(/^edit \d+$/);
    harness = await startTestSandbox({ dataDir });
    expect((await harness.iam.send(new ListRolesCommand({ MaxItems: 1000 }))).Roles).toHaveLength(61);
  });
});

describe('admin API', () => {
  it('reports health, records calls and clears the log', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const health = await harness.admin('GET', 'health');
    expect(health.body).toMatchObject({ ok: true, scenario: 'test', accountId: '123456789012', regions: 34, enabledRegions: 18, roles: 1 });
    await harness.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    await captureError(harness.iam.send(new GetRoleCommand({ RoleName: 'Missing' })));
    await harness.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    const { calls } = (await harness.admin('GET', 'calls')).body;
    expect(calls.map((call: { service: string; region: string; operation: string; status: number }) => [call.service, call.region, call.operation, call.status])).toEqual([
      ['iam', 'us-east-1', 'GetRole', 200],
      ['iam', 'us-east-1', 'GetRole', 404],
      ['ssm', 'eu-west-1', 'DescribeMaintenanceWindows', 200],
    ]);
    expect(calls[0].latencyMs).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(calls[0].time))).toBe(false);
    expect((await harness.admin('DELETE', 'calls')).status).toBe(200);
    expect((await harness.admin('GET', 'calls')).body.calls).toEqual([]);
  });

  it('answers unknown admin paths and bad bodies with clear errors', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    expect((await harness.admin('GET', 'nothing-here')).status).toBe(404);
    expect((await harness.admin('GET', 'reset')).status).toBe(405);
    const badFaults = await harness.admin('POST', 'faults', { faults: [{ errorRate: 2 }] });
    expect(badFaults.status).toBe(400);
    expect(badFaults.body.message).toContain('errorRate');
    const response = await fetch(`${harness.sandbox.url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(response.status).toBe(400);
  });

  it('refuses what another site could send: a foreign Host, a cross-site Origin or Sec-Fetch-Site, an admin change not in JSON', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const url = harness.sandbox.url;
    const before = await (await fetch(`${url}/_sandbox/state`)).json();
    const reset = JSON.stringify({ scenario: 'absent' });
    // A cross-site form POST (text/plain or urlencoded needs no preflight).
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await fetch(`${url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': type }, body: reset });
      expect(response.status, type).toBe(415);
    }
    const crossSite = await fetch(`${url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json', Origin: 'https://evil.example' }, body: reset });
    expect(crossSite.status).toBe(403);
    const fetchSite = await fetch(`${url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, body: reset });
    expect(fetchSite.status).toBe(403);
    expect(await (await fetch(`${url}/_sandbox/state`)).json()).toEqual(before);
    // A rebinding name as Host, on the admin API and on an AWS call alike (fetch cannot set Host: raw HTTP).
    const { request } = await import('node:http');
    const statusWithHost = (pathname: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const call = request(`${url}${pathname}`, { method: 'GET', headers: { Host: host } }, (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
        });
        call.on('error', reject);
        call.end();
      });
    expect(await statusWithHost('/_sandbox/state', 'rebind.attacker.example')).toBe(421);
    expect(await statusWithHost('/?Action=GetCallerIdentity', 'rebind.attacker.example:4566')).toBe(421);
    expect(await statusWithHost('/_sandbox/state', `localhost:${new URL(url).port}`)).toBe(200);
  });
});
