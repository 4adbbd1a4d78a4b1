import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSameOriginRequest } from '../lib/security/decision';
import { HOST_REFUSED_MESSAGE, isAllowedHost } from '../lib/security/host';
import { ADMIN_PATH_PREFIX, handleAdminRequest, type AdminContext } from './admin';
import { CallLog } from './call-log';
import {
  CALL_LOG_CAPACITY,
  DEFAULT_DELETION_TIMINGS,
  SANDBOX_ACCOUNT_ID,
  DEFAULT_SANDBOX_DATA_DIR,
  DEFAULT_SANDBOX_SCENARIO,
  mergeDeletionTimings,
} from './config';
import { isRecordedOperation, recordApiCall } from './cloudtrail-history';
import { FaultInjector, parseFaultList, type FaultSpec } from './faults';
import { findServiceBySigningName, isRejectedAccessKey, parseCredentialScope } from './protocols/auth';
import { resolveCaller } from './credentials';
import { isRegionInPartition } from '../lib/regions';
import { getAccountPartition } from './partition';
import {
  createExpiredTokenError,
  createInternalFailureError,
  createInvalidTokenError,
  createThrottlingError,
  createMissingAuthenticationError,
  createUnknownOperationError,
} from './protocols/errors';
import type { WireRequest, WireResponse } from './protocols/wire';
import { hasDueDeletionWork, settleDeletionTasks } from './services/iam';
import { buildScenario, getServiceProtocol, SCENARIO_NAMES, SERVICES } from './services';
import { PUBLISHED_RATE_LIMITS } from './services/cloudtrail';
import { SandboxStore } from './store';
import { TokenBuckets } from '../lib/token-bucket';
import { SandboxError, type AccessAdvisorSettings, type DeletionTimings, type HandlerContext, type ServiceName } from './types';

// The sandbox's HTTP server: one endpoint that speaks the AWS wire protocols of every service it emulates
// (routed by the SigV4 credential scope), plus the admin API under /_sandbox/.

export type { FaultSpec } from './faults';

export interface StartSandboxOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  /** Scenario loaded when no state file exists yet. */
  scenario?: string;
  faults?: FaultSpec[];
  timings?: Partial<DeletionTimings>;
  /** How IAM Access Advisor report jobs behave (default: 1.5 s in progress, then completed). */
  accessAdvisor?: Partial<AccessAdvisorSettings>;
  /** The sandbox's clock for AWS semantics (deletion timings, throttling, scenario dates); tests pass a manual one. */
  clock?: () => number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Which service an unsigned request was meant for, from what it carries, so its error is in the right form. */
function guessService(request: WireRequest): ServiceName {
  const target = String(request.headers['x-amz-target'] ?? '');
  if (target.startsWith('AmazonSSM.')) return 'ssm';
  if (target.startsWith('ResourceGroupsTaggingAPI')) return 'tagging';
  if (target.startsWith('com.amazonaws.cloudtrail.') || target.startsWith('CloudTrail_20131101.')) return 'cloudtrail';
  if (target.startsWith('AWSOrganizationsV20161128')) return 'organizations';
  if (request.path !== '/') return 'resource-groups';
  const version = new URLSearchParams(request.body.toString('utf8')).get('Version') ?? request.query.get('Version');
  if (version === '2011-06-15') return 'sts';
  if (version === '2016-11-15') return 'ec2';
  return 'iam';
}

function send(response: ServerResponse, wire: WireResponse): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(wire.status, { ...wire.headers, 'Content-Length': Buffer.byteLength(wire.body) });
  response.end(wire.body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * The sandbox has no access control, so it answers only what cannot come from another site's page: a Host
 * naming loopback (no DNS rebinding), no Origin or Sec-Fetch-Site of another site, and admin changes only as
 * JSON (which a cross-site form cannot send without a preflight the sandbox never grants).
 */
export function refuseForeignRequest(request: IncomingMessage, isAdmin: boolean): { status: number; message: string } | null {
  if (!isAllowedHost(headerOf(request, 'host'), [])) return { status: 421, message: HOST_REFUSED_MESSAGE };
  const host = headerOf(request, 'host');
  if (!isSameOriginRequest({ origin: headerOf(request, 'origin'), secFetchSite: headerOf(request, 'sec-fetch-site'), host })) {
    return { status: 403, message: 'Refused: the sandbox does not answer requests from another site.' };
  }
  const method = request.method ?? 'GET';
  if (isAdmin && method !== 'GET' && method !== 'HEAD') {
    const type = (headerOf(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, message: 'The admin API takes only Content-Type: application/json.' };
  }
  return null;
}

/** What the call log records of a call, filled in as far as the request is understood. */
interface CallLogFields {
  service: string;
  region: string;
  operation: string;
  accountId?: string;
}

/** The session token of temporary credentials: a header when signed in the header, a parameter when presigned. */
function readSessionToken(request: WireRequest): string | undefined {
  const header = request.headers['x-amz-security-token'];
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? request.query.get('X-Amz-Security-Token') ?? undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const scenario = options.scenario ?? DEFAULT_SANDBOX_SCENARIO;
  const timings = mergeDeletionTimings(DEFAULT_DELETION_TIMINGS, options.timings ?? {});
  const clock = options.clock ?? Date.now;
  const faults = new FaultInjector(parseFaultList(options.faults ?? []));
  const store = await SandboxStore.open({
    dataDir: options.dataDir ?? DEFAULT_SANDBOX_DATA_DIR,
    createInitialState: () => buildScenario(scenario, clock()),
    timings,
  });
  store.accessAdvisor = { ...store.accessAdvisor, ...options.accessAdvisor };
  const callLog = new CallLog(CALL_LOG_CAPACITY);
  const publishedLimits = new TokenBuckets();
  const hungResponses = new Set<ServerResponse>();

  async function settle(): Promise<void> {
    const nowMs = clock();
    if (store.read((state) => hasDueDeletionWork(state, nowMs, store.timings))) {
      await store.mutate((state) => settleDeletionTasks(state, nowMs, store.timings));
    }
  }

  const adminContext: AdminContext = {
    store,
    faults,
    callLog,
    scenarioNames: SCENARIO_NAMES,
    buildScenario,
    clock,
    settle,
    startedAtMs: Date.now(),
    accountId: SANDBOX_ACCOUNT_ID,
  };

  function isRegionEnabled(accountId: string, region: string): boolean {
    return store.read((state) => {
      const known = state.accounts[accountId]?.regions[region];
      return known !== undefined && known.optInStatus !== 'not-opted-in';
    });
  }

  /** Answers one AWS call; returns the status sent, or null when a fault leaves the call hanging. */
  async function handleAwsCall(request: WireRequest, response: ServerResponse, log: CallLogFields): Promise<number | null> {
    const requestId = randomUUID();
    const scope = parseCredentialScope(request.headers.authorization, request.query.get('X-Amz-Credential'));
    if (!scope) {
      const service = guessService(request);
      log.service = service;
      log.operation = getServiceProtocol(service).peekOperation(request);
      const wire = getServiceProtocol(service).encodeError(createMissingAuthenticationError(service), requestId);
      send(response, wire);
      return wire.status;
    }
    log.region = scope.region;
    const service = findServiceBySigningName(scope.signingName);
    const registered = service ? SERVICES[service] : undefined;
    if (!service || !registered) {
      log.service = scope.signingName;
      const wire = getServiceProtocol('iam').encodeError(
        new SandboxError('InvalidAction', `The sandbox does not emulate the ${scope.signingName} service.`, 400),
        requestId,
      );
      send(response, wire);
      return wire.status;
    }
    log.service = service;
    const { protocol, definition } = registered;
    log.operation = protocol.peekOperation(request);
    const fail = (error: SandboxError): number => {
      const wire = protocol.encodeError(error, requestId);
      send(response, wire);
      return wire.status;
    };
    if (isRejectedAccessKey(scope.accessKeyId)) return fail(createInvalidTokenError(service));
    const sessionToken = readSessionToken(request);
    const resolution = store.read((state) => resolveCaller(state, scope.accessKeyId, sessionToken, clock()));
    if (!resolution.ok) return fail(resolution.problem === 'expired' ? createExpiredTokenError(service) : createInvalidTokenError(service));
    const { caller } = resolution;
    log.accountId = caller.accountId;
    if (registered.isRegional && !isRegionEnabled(caller.accountId, scope.region)) return fail(createInvalidTokenError(service));
    const partition = store.read((state) => getAccountPartition(state, caller.accountId));
    // IAM, STS and Organizations of one partition do not know another partition's credentials (a GovCloud account
    // calling iam.amazonaws.com, signed for us-east-1, is refused as AWS refuses it).
    if (!registered.isRegional && !isRegionInPartition(scope.region, partition)) return fail(createInvalidTokenError(service));
    try {
      const call = protocol.decode(request);
      log.operation = call.operation;
      const handler = definition.operations[call.operation];
      if (!handler) throw createUnknownOperationError(service, call.operation, call.apiVersion);
      const plan = faults.isEmpty
        ? undefined
        : faults.plan({ service, operation: call.operation, region: scope.region, accountId: caller.accountId, callerArn: caller.arn }, clock());
      if (plan && plan.delayMs > 0) await sleep(plan.delayMs);
      if (plan?.hang) {
        hungResponses.add(response);
        response.on('close', () => hungResponses.delete(response));
        return null;
      }
      if (plan?.error) throw plan.error;
      const publishedLimit = PUBLISHED_RATE_LIMITS[`${service}:${call.operation}`];
      if (publishedLimit && !publishedLimits.take(`${service}|${call.operation}|${caller.accountId}|${scope.region}`, publishedLimit, clock())) {
        throw createThrottlingError(service);
      }
      await settle();
      const context: HandlerContext = {
        accountId: caller.accountId,
        partition,
        region: scope.region,
        service,
        operation: call.operation,
        requestId,
        nowMs: clock(),
        accessKeyId: scope.accessKeyId,
        caller,
        store,
      };
      const output = await handler(context, call.input);
      if (isRecordedOperation(service, call.operation)) {
        await store.mutate((state) => recordApiCall(state, { ...context, input: call.input }));
      }
      const wire = protocol.encodeResult(call, output, requestId);
      send(response, wire);
      return wire.status;
    } catch (error) {
      if (error instanceof SandboxError) return fail(error);
      console.error(`[sandbox] ${service} ${log.operation} failed:`, error);
      return fail(createInternalFailureError(service));
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://sandbox.local');
    const refusal = refuseForeignRequest(request, url.pathname.startsWith(ADMIN_PATH_PREFIX));
    if (refusal) {
      sendJson(response, refusal.status, { ok: false, message: refusal.message });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendJson(response, 413, { ok: false, message: 'Request body too large.' });
      return;
    }
    if (url.pathname.startsWith(ADMIN_PATH_PREFIX)) {
      const result = await handleAdminRequest(adminContext, request.method ?? 'GET', url.pathname, body.toString('utf8'));
      sendJson(response, result.status, result.body);
      return;
    }
    const wireRequest: WireRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body };
    const log: CallLogFields = { service: 'unknown', region: 'unknown', operation: 'Unknown' };
    const status = await handleAwsCall(wireRequest, response, log);
    callLog.add({
      time: new Date().toISOString(),
      service: log.service,
      region: log.region,
      operation: log.operation,
      ...(log.accountId ? { accountId: log.accountId } : {}),
      // A hung call is logged when it is accepted; 0 marks that it never got an answer.
      status: status ?? 0,
      latencyMs: Math.round((performance.now() - startedAt) * 10) / 10,
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[sandbox] request failed:', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, message: 'The sandbox failed to handle the request.' });
    });
  });
  server.keepAliveTimeout = 30_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`,
    port,
    close(): Promise<void> {
      closing ??= (async () => {
        for (const response of hungResponses) response.destroy();
        hungResponses.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await store.flush();
      })();
      return closing;
    },
  };
}
