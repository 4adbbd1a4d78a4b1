import 'server-only';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { STSClient } from '@aws-sdk/client-sts';
import {
  getSandboxEndpoint,
  getSettings,
  ORG_ROLE_SESSION_NAME,
  SANDBOX_CREDENTIALS,
  SANDBOX_HOME_REGION,
  type Settings,
} from '@/lib/config';
import { AssumedRoleCache, assumeRole, getMemberRoleArn, type AssumedRoleSession } from './assume-role';
import { getPartitionOfRegion } from '@/lib/regions';

// The one place that configures AWS clients: one client per (account, region, service), created on first use.
// The caller's own account uses the configured credentials; a member account of the organization uses the
// session of its access role, assumed on first use and renewed before it expires.

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Credentials as the SDK takes them: fixed, or a function the SDK calls before it signs (and again on expiry). */
export type CredentialSource = StaticCredentials | (() => Promise<StaticCredentials>);

export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials?: CredentialSource;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true } | NodeHttpHandler;
}

export function getHomeRegion(settings: Settings = getSettings()): string {
  if (settings.ATLAS_TARGET === 'sandbox') return SANDBOX_HOME_REGION;
  return settings.AWS_REGION ?? settings.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/**
 * Client settings for one region. In `aws` mode the endpoint and, unless given, the credentials come from the
 * SDK's own chain; in `sandbox` mode, given credentials are a member account's session, the default the caller's.
 */
function getHandlerOptions(settings: Settings) {
  return {
    requestTimeout: settings.ATLAS_REQUEST_TIMEOUT_MS,
    connectionTimeout: Math.min(3_000, settings.ATLAS_REQUEST_TIMEOUT_MS),
    // Without this the handler only logs a warning when the timeout passes and keeps waiting.
    throwOnRequestTimeout: true as const,
  };
}

/**
 * One HTTP handler for every member account's clients: its connections are pooled across accounts, regions and
 * services, with room for the organization audit's calls in flight (the SDK's own default allows 50 per client).
 */
function createSharedHandler(settings: Settings): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: Math.max(64, settings.ATLAS_ORG_CONCURRENCY * 2) };
  return new NodeHttpHandler({ ...getHandlerOptions(settings), httpAgent: new HttpAgent(agentOptions), httpsAgent: new HttpsAgent(agentOptions) });
}

export function buildClientConfig(settings: Settings, region: string, credentials?: CredentialSource, requestHandler?: NodeHttpHandler): ClientConfig {
  const base: ClientConfig = {
    region,
    // 'adaptive' must be lower case: the SDK silently falls back to standard for any other spelling.
    retryMode: 'adaptive',
    maxAttempts: settings.ATLAS_MAX_ATTEMPTS,
    requestHandler: requestHandler ?? getHandlerOptions(settings),
  };
  if (settings.ATLAS_TARGET === 'sandbox') {
    return { ...base, endpoint: getSandboxEndpoint(settings), credentials: credentials ?? SANDBOX_CREDENTIALS };
  }
  return credentials ? { ...base, credentials } : base;
}

type ClientConstructor<T> = new (config: ClientConfig) => T;

export interface AwsClients {
  iam(): IAMClient;
  sts(region?: string): STSClient;
  ec2(region: string): EC2Client;
  ssm(region: string): SSMClient;
  resourceGroups(region: string): ResourceGroupsClient;
  tagging(region: string): ResourceGroupsTaggingAPIClient;
  /** AWS Organizations: one global endpoint per partition, signed for its home region. */
  organizations(): OrganizationsClient;
  cloudTrail(region: string): CloudTrailClient;
}

export function createAwsClients(settings: Settings, credentials?: CredentialSource, requestHandler?: NodeHttpHandler): AwsClients {
  const cache = new Map<string, unknown>();
  const homeRegion = getHomeRegion(settings);

  function get<T>(service: string, Client: ClientConstructor<T>, region: string): T {
    const key = `${service}|${region}`;
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = new Client(buildClientConfig(settings, region, credentials, requestHandler));
      cache.set(key, client);
    }
    return client;
  }

  return {
    // IAM is global: one endpoint per partition. Built for the home region, the SDK's endpoint rules pick the
    // partition's endpoint and signing region (iam.amazonaws.com, iam.cn-north-1.amazonaws.com.cn,
    // iam.us-gov.amazonaws.com).
    iam: () => get('iam', IAMClient, homeRegion),
    sts: (region = homeRegion) => get('sts', STSClient, region),
    ec2: (region) => get('ec2', EC2Client, region),
    ssm: (region) => get('ssm', SSMClient, region),
    resourceGroups: (region) => get('resource-groups', ResourceGroupsClient, region),
    tagging: (region) => get('tagging', ResourceGroupsTaggingAPIClient, region),
    organizations: () => get('organizations', OrganizationsClient, getOrganizationsRegion(settings)),
    cloudTrail: (region) => get('cloudtrail', CloudTrailClient, region),
  };
}

function getOrganizationsRegion(settings: Settings): string {
  const partition = getPartitionOfRegion(getHomeRegion(settings));
  if (partition === 'aws-cn') return 'cn-northwest-1';
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  return 'us-east-1';
}

interface ClientRegistry {
  settings: Settings;
  own: AwsClients;
  members: Map<string, AwsClients>;
  sessions: AssumedRoleCache;
  memberHandler: NodeHttpHandler;
}

let registry: ClientRegistry | undefined;

function getRegistry(): ClientRegistry {
  const settings = getSettings();
  if (registry?.settings !== settings) {
    const own = createAwsClients(settings);
    const partition = getPartitionOfRegion(getHomeRegion(settings));
    registry = {
      settings,
      own,
      members: new Map(),
      memberHandler: createSharedHandler(settings),
      // Regional STS in the home region: its sessions are valid in every region, opt-in ones included.
      sessions: new AssumedRoleCache((accountId) =>
        assumeRole(own.sts(), {
          roleArn: getMemberRoleArn(partition, accountId, settings.ATLAS_ORG_ROLE_NAME),
          sessionName: ORG_ROLE_SESSION_NAME,
          externalId: settings.ATLAS_ORG_EXTERNAL_ID,
        }),
      ),
    };
  }
  return registry;
}

/**
 * The clients for one account. Without an account id: the configured credentials' own account. With a member
 * account's id: clients that sign with that account's assumed access role (ATLAS_ORG_ROLE_NAME). The caller
 * decides which account is its own; passing it here would try to assume the role in it.
 */
export function getAwsClients(memberAccountId?: string): AwsClients {
  const current = getRegistry();
  if (!memberAccountId) return current.own;
  let clients = current.members.get(memberAccountId);
  if (!clients) {
    const { sessions } = current;
    clients = createAwsClients(current.settings, async () => (await sessions.get(memberAccountId)).credentials, current.memberHandler);
    current.members.set(memberAccountId, clients);
  }
  return clients;
}

/** The member account's access-role session (assumed now, or the cached one while it is fresh). */
export function getMemberSession(memberAccountId: string): Promise<AssumedRoleSession> {
  return getRegistry().sessions.get(memberAccountId);
}

/** Lets go of one member account's clients (its session stays cached): the organization audit's accounts are many. */
export function releaseMemberClients(memberAccountId: string): void {
  registry?.members.delete(memberAccountId);
}

/** Forgets every member account's session and clients (the next call assumes the role again). */
export function clearMemberSessions(): void {
  registry?.sessions.clear();
  registry?.members.clear();
}
