import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSettings, SANDBOX_CREDENTIALS } from '@/lib/config';
import { buildClientConfig, createAwsClients, getHomeRegion } from './clients';

// The client factory's resolved configuration, read back from constructed SDK clients.

interface ResolvedRetryStrategy {
  mode: string;
  maxAttemptsProvider: () => Promise<number>;
}

async function getRetryStrategy(client: { config: unknown }): Promise<ResolvedRetryStrategy> {
  const config = client.config as { retryStrategy: () => Promise<ResolvedRetryStrategy> };
  return config.retryStrategy();
}

async function getHandlerConfig(client: { config: unknown }): Promise<{ requestTimeout?: number; connectionTimeout?: number }> {
  const handler = (client.config as { requestHandler: { configProvider: Promise<{ requestTimeout?: number; connectionTimeout?: number }> } })
    .requestHandler;
  return handler.configProvider;
}

const sandboxSettings = parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: '4999', ATLAS_MAX_ATTEMPTS: '3', ATLAS_REQUEST_TIMEOUT_MS: '2500' });
const awsSettings = parseSettings({ ATLAS_TARGET: 'aws', AWS_REGION: 'eu-west-2' });

/** Where an IAM client sends its calls, from the SDK's own endpoint rules for the client's region. */
async function getIamEndpoint(client: { config: unknown }): Promise<string> {
  const config = client.config as { region: () => Promise<string>; endpointProvider: (params: Record<string, unknown>) => { url: URL } };
  return config.endpointProvider({ Region: await config.region(), UseFIPS: false, UseDualStack: false }).url.hostname;
}

describe('IAM in every partition', () => {
  it("builds IAM for the home region, so that the SDK picks the partition's endpoint", async () => {
    const expected: Array<[string, string]> = [
      ['eu-west-2', 'iam.amazonaws.com'],
      ['us-gov-west-1', 'iam.us-gov.amazonaws.com'],
      ['cn-north-1', 'iam.cn-north-1.amazonaws.com.cn'],
    ];
    for (const [region, host] of expected) {
      const iam = createAwsClients(parseSettings({ ATLAS_TARGET: 'aws', AWS_REGION: region })).iam();
      expect(await (iam.config as { region: () => Promise<string> }).region()).toBe(region);
      expect(await getIamEndpoint(iam), region).toBe(host);
    }
  });
});

describe('client factory', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives every client an adaptive retry strategy with the configured bound on attempts', async () => {
    const clients = createAwsClients(sandboxSettings);
    for (const client of [clients.ssm('eu-west-1'), clients.iam(), clients.sts(), clients.ec2('us-east-2'), clients.tagging('ap-south-1'), clients.resourceGroups('eu-central-1')]) {
      const strategy = await getRetryStrategy(client);
      expect(strategy.constructor.name).toBe('AdaptiveRetryStrategy');
      expect(strategy.mode).toBe('adaptive');
      expect(await strategy.maxAttemptsProvider()).toBe(3);
    }
  });

  it('would notice a retry mode the SDK does not recognise (the check itself can fail)', async () => {
    const client = new STSClient({ ...buildClientConfig(sandboxSettings, 'us-east-1'), retryMode: 'ADAPTIVE' as 'adaptive' });
    const strategy = await getRetryStrategy(client);
    expect(strategy.mode).not.toBe('adaptive');
  });

  it('uses the default of 4 attempts and a 10 s request timeout when nothing is configured', async () => {
    const client = createAwsClients(parseSettings({})).ssm('us-east-1');
    expect(await (await getRetryStrategy(client)).maxAttemptsProvider()).toBe(4);
    expect(await getHandlerConfig(client)).toMatchObject({ requestTimeout: 10_000, connectionTimeout: 3_000 });
  });

  it('applies the configured per-request timeout to the HTTP handler', async () => {
    const client = createAwsClients(sandboxSettings).ssm('eu-west-1');
    expect(await getHandlerConfig(client)).toMatchObject({ requestTimeout: 2500, connectionTimeout: 2500 });
  });

  it('points sandbox clients at the sandbox endpoint with the sandbox credentials, in the asked region', async () => {
    const client = createAwsClients(sandboxSettings).ssm('ap-southeast-2');
    const endpoint = await (client.config.endpoint as () => Promise<{ hostname: string; port?: number; protocol: string }>)();
    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 4999, protocol: 'http:' });
    const credentials = await client.config.credentials();
    expect(credentials).toMatchObject(SANDBOX_CREDENTIALS);
    expect(await client.config.region()).toBe('ap-southeast-2');
  });

  it('sets no endpoint and no credentials on the AWS target, leaving both to the SDK', () => {
    const config = buildClientConfig(awsSettings, 'eu-west-2');
    expect(config.endpoint).toBeUndefined();
    expect(config.credentials).toBeUndefined();
    const client = createAwsClients(awsSettings).ssm('eu-west-2');
    expect(client.config.endpoint).toBeUndefined();
    expect(getHomeRegion(awsSettings)).toBe('eu-west-2');
  });

  it('reuses one client per service and region', () => {
    const clients = createAwsClients(sandboxSettings);
    expect(clients.ssm('eu-west-1')).toBe(clients.ssm('eu-west-1'));
    expect(clients.ssm('eu-west-1')).not.toBe(clients.ssm('eu-west-2'));
    expect(clients.iam()).toBe(clients.iam());
  });

  it('gives up on a request that gets no answer within the timeout instead of waiting forever', async () => {
    const server = http.createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const settings = parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(port), ATLAS_MAX_ATTEMPTS: '1', ATLAS_REQUEST_TIMEOUT_MS: '300' });
      await expect(createAwsClients(settings).sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('on the AWS target, honours AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> and credentials from the environment', async () => {
    const seen: Array<{ url?: string; authorization?: string }> = [];
    const server = http.createServer((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:iam::210987654321:user/admin</Arn><UserId>AIDAEXAMPLE</UserId><Account>210987654321</Account>' +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      vi.stubEnv('AWS_ENDPOINT_URL', `http://127.0.0.1:${port}`);
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVIRONMENTKEY01');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'environment-secret');
      vi.stubEnv('AWS_PROFILE', '');
      const output = await createAwsClients(awsSettings).sts().send(new GetCallerIdentityCommand({}));
      expect(output.Account).toBe('210987654321');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.authorization).toContain('Credential=AKIAENVIRONMENTKEY01/');
      expect(seen[0]?.authorization).toContain('/eu-west-2/sts/aws4_request');

      // A per-service override wins over the global one: the global endpoint here is a closed port.
      vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
      vi.stubEnv('AWS_ENDPOINT_URL_STS', `http://127.0.0.1:${port}`);
      const again = await createAwsClients(awsSettings).sts().send(new GetCallerIdentityCommand({}));
      expect(again.Arn).toBe('arn:aws:iam::210987654321:user/admin');
      expect(seen).toHaveLength(2);
    } finally {
      server.close();
    }
  });
  it('signs a member account\'s calls with that account\'s session credentials, asked for when the client first signs', async () => {
    const seen: Array<{ authorization?: string; token?: string }> = [];
    const server = http.createServer((request, response) => {
      seen.push({ authorization: request.headers.authorization, token: request.headers['x-amz-security-token'] as string | undefined });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard</Arn>' +
            '<UserId>AROAEXAMPLE:ssm-role-atlas-dashboard</UserId><Account>111122223333</Account>' +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      let asked = 0;
      const member = createAwsClients(parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(port) }), async () => {
        asked += 1;
        return { accessKeyId: 'ASIAMEMBERSESSION001', secretAccessKey: 'member-secret', sessionToken: 'member-token', expiration: new Date(Date.now() + 3_600_000) };
      });
      expect(asked).toBe(0);
      const output = await member.sts().send(new GetCallerIdentityCommand({}));
      expect(output.Account).toBe('111122223333');
      expect(seen[0]?.authorization).toContain('Credential=ASIAMEMBERSESSION001/');
      expect(seen[0]?.token).toBe('member-token');
      expect(asked).toBeGreaterThanOrEqual(1);
      // The caller's own clients keep the configured credentials.
      await createAwsClients(parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(port) })).sts().send(new GetCallerIdentityCommand({}));
      expect(seen[1]?.authorization).toContain(`Credential=${SANDBOX_CREDENTIALS.accessKeyId}/`);
      expect(seen[1]?.token).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
