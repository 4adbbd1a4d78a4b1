import 'server-only';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import {
  getSandboxEndpoint,
  getSettings,
  SANDBOX_CREDENTIALS,
  SANDBOX_HOME_REGION,
  type Settings,
} from '@/lib/config';

// The one place that configures AWS clients: one client per (target, region, service), created on first use.

export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
}

export function getHomeRegion(settings: Settings = getSettings()): string {
  if (settings.ATLAS_TARGET === 'sandbox') return SANDBOX_HOME_REGION;
  return settings.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** Client settings for one region. In `aws` mode the endpoint and credentials come from the SDK's own chain. */
export function buildClientConfig(settings: Settings, region: string): ClientConfig {
  const base: ClientConfig = {
    region,
    // 'adaptive' must be lower case: the SDK silently falls back to standard for any other spelling.
    retryMode: 'adaptive',
    maxAttempts: settings.ATLAS_MAX_ATTEMPTS,
    requestHandler: {
      requestTimeout: settings.ATLAS_REQUEST_TIMEOUT_MS,
      connectionTimeout: Math.min(3_000, settings.ATLAS_REQUEST_TIMEOUT_MS),
      // Without this the handler only logs a warning when the timeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
  if (settings.ATLAS_TARGET === 'sandbox') {
    return { ...base, endpoint: getSandboxEndpoint(settings), credentials: SANDBOX_CREDENTIALS };
  }
  return base;
}

type ClientConstructor<T> = new (config: ClientConfig) => T;

export interface AwsClients {
  iam(): IAMClient;
  sts(region?: string): STSClient;
  ec2(region: string): EC2Client;
  ssm(region: string): SSMClient;
  resourceGroups(region: string): ResourceGroupsClient;
  tagging(region: string): ResourceGroupsTaggingAPIClient;
}

export function createAwsClients(settings: Settings): AwsClients {
  const cache = new Map<string, unknown>();
  const homeRegion = getHomeRegion(settings);

  function get<T>(service: string, Client: ClientConstructor<T>, region: string): T {
    const key = `${service}|${region}`;
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = new Client(buildClientConfig(settings, region));
      cache.set(key, client);
    }
    return client;
  }

  return {
    // IAM is global: one endpoint per partition, signed for its home region.
    iam: () => get('iam', IAMClient, settings.ATLAS_TARGET === 'sandbox' ? SANDBOX_HOME_REGION : 'us-east-1'),
    sts: (region = homeRegion) => get('sts', STSClient, region),
    ec2: (region) => get('ec2', EC2Client, region),
    ssm: (region) => get('ssm', SSMClient, region),
    resourceGroups: (region) => get('resource-groups', ResourceGroupsClient, region),
    tagging: (region) => get('tagging', ResourceGroupsTaggingAPIClient, region),
  };
}

let shared: AwsClients | undefined;

/** The process-wide clients for the configured target. */
export function getAwsClients(): AwsClients {
  shared ??= createAwsClients(getSettings());
  return shared;
}
