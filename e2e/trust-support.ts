import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

// Extra dashboard servers for the trust-and-safety suites (access control, read-only mode, start-up refusal,
// a sandbox that stops mid-scan), started from the specs on their own ports with their own data directories.

export const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
export const NEXT_BIN = './node_modules/.bin/next';
/** A 40-character access token for the servers that run with access control on. */
export const TEST_ACCESS_TOKEN = 'trust-suite-access-token-0123456789abcde';

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4600);

/**
 * Ports for the n-th extra server of the trust suites, inside the run's own range (E2E_PORT + 10 + n and
 * E2E_SANDBOX_PORT + 10 + n), so that runs on other ports never collide with these.
 */
export function extraPorts(n: number): { port: number; sandboxPort: number } {
  return { port: E2E_PORT + 10 + n, sandboxPort: E2E_SANDBOX_PORT + 10 + n };
}

export interface StartedServer {
  url: string;
  port: number;
  sandboxUrl: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  sandboxPort: number;
  name: string;
  env?: Record<string, string>;
  host?: string;
}

function baseEnv(options: ServerOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The servers under test get only what each test gives them: no token or read-only flag leaks in.
    if (value !== undefined && !key.startsWith('ATLAS_') && !key.startsWith('AWS_') && key !== 'HOST' && key !== 'PORT') env[key] = value;
  }
  return {
    ...env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    ATLAS_TARGET: 'sandbox',
    SANDBOX_PORT: String(options.sandboxPort),
    SANDBOX_DATA_DIR: `.data/trust-${options.name}/sandbox`,
    ATLAS_DATA_DIR: `.data/trust-${options.name}/atlas`,
    ...options.env,
  };
}

/** Spawns `next start` in its own process group; resolves once it exits (with its code) or after the timeout. */
export function spawnServer(options: ServerOptions): { process: ChildProcess; output(): string; exited: Promise<number | null> } {
  rmSync(`.data/trust-${options.name}`, { recursive: true, force: true });
  const child = spawn(NEXT_BIN, ['start', '-H', options.host ?? '127.0.0.1', '-p', String(options.port)], {
    env: baseEnv(options) as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The server at ${url} exited while starting:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The server at ${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** Starts a dashboard server (which hosts its own sandbox unless one already listens on sandboxPort). */
export async function startServer(options: ServerOptions): Promise<StartedServer> {
  const spawned = spawnServer(options);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(url, spawned.exited, spawned.output);
  } catch (error) {
    await stopProcess(spawned.process, spawned.exited);
    throw error;
  }
  return {
    url,
    port: options.port,
    sandboxUrl: `http://127.0.0.1:${options.sandboxPort}`,
    process: spawned.process,
    output: spawned.output,
    stop: () => stopProcess(spawned.process, spawned.exited),
  };
}

/** Every file under a directory, recursively. */
export function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export interface ServerActionReference {
  id: string;
  exportedName: string;
  /** The source file, relative to the project root, e.g. app/delete/actions.ts. */
  file: string;
  /** A page path whose bundle holds the action, e.g. /delete. */
  pagePath: string;
}

/** The server actions of the build, from its server-reference manifest, with the file each is defined in. */
export function readServerActions(): ServerActionReference[] {
  const manifestPath = path.join(DIST_DIR, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers).filter((name) => name.endsWith('/page') && !name.includes('/_'));
    const worker = pages[0] ?? 'app/page';
    const route = worker.replace(/^app/, '').replace(/\/page$/, '') || '/';
    return { id, exportedName: entry.exportedName ?? '', file: entry.filename ?? '', pagePath: route };
  });
}

/** A request path for a page route, with each dynamic segment filled in. */
export function fillRoute(route: string, values: Record<string, string> = {}): string {
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => values[name] ?? 'us-east-1');
}

export interface CallLogEntry {
  service: string;
  operation: string;
  region: string;
  status: number;
}

// Reads, CloudTrail's LookupEvents and Access Advisor's report jobs included: none changes the account.
const READ_OPERATION = /^(Get|List|Describe|Simulate|Lookup|GenerateServiceLastAccessedDetails$)/;

/** Calls in the log that change something (everything but reads and permission simulation). */
export function mutatingCalls(calls: readonly CallLogEntry[]): CallLogEntry[] {
  return calls.filter((call) => !READ_OPERATION.test(call.operation));
}

export async function sandboxJson<T>(sandboxUrl: string, pathname: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${sandboxUrl}${pathname}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${pathname} answered ${response.status}`);
  return (await response.json()) as T;
}

export interface EndpointAnswer {
  status: number;
  text: string;
}

/**
 * Calls a server action the way a forged request would: a POST to a page that holds it, with the Next-Action
 * header and the arguments as React encodes plain JSON values.
 */
export async function callServerAction(baseUrl: string, action: ServerActionReference, args: unknown[], cookie?: string): Promise<EndpointAnswer> {
  const response = await fetch(`${baseUrl}${fillRoute(action.pagePath)}`, {
    method: 'POST',
    headers: {
      'Next-Action': action.id,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: baseUrl,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(args),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

/** The `{ ok: false, message }` an action answered with, read from its RSC payload; undefined if it did not refuse. */
export function readActionRefusal(answer: EndpointAnswer): string | undefined {
  const match = /"ok":false,"message":"((?:[^"\\]|\\.)*)"/.exec(answer.text);
  return match ? (JSON.parse(`"${match[1]}"`) as string) : undefined;
}

const SANDBOX_ACCOUNT_ID = '123456789012';

interface RawSandboxState {
  accounts: Record<
    string,
    {
      accountId: string;
      partition: string;
      iam: { roles: Record<string, { arn: string; isServiceLinked: boolean; assumeRolePolicyDocument: string }> };
      regions: Record<
        string,
        {
          windows: Record<string, { WindowId: string; tasks: Record<string, { WindowTaskId: string; ServiceRoleArn?: string }> }>;
          associations: Record<string, { AssociationId: string; Name: string }>;
          dataSyncs: Record<string, { SyncName: string; SyncType: string }>;
        }
      >;
    }
  >;
}

/**
 * One input that every change the dashboard offers would accept and act on, built from the sandbox's raw state
 * (a real task, association, data sync and custom role; the role's exact name; every confirmation given).
 * Each action's schema keeps the fields it knows, so the same input drives all of them.
 */
export function buildChangeInput(state: unknown): Record<string, unknown> {
  // The dashboard's own account (the sandbox's default credentials), not a member account of an organization.
  const account = (state as RawSandboxState).accounts[SANDBOX_ACCOUNT_ID];
  if (!account) throw new Error(`The sandbox state has no account ${SANDBOX_ACCOUNT_ID}.`);
  const regions = Object.entries(account.regions);
  // A task that runs as the service-linked role (no ServiceRoleArn of its own): a blocker the audit lists.
  const task = regions
    .flatMap(([region, data]) => Object.values(data.windows).flatMap((window) => Object.values(window.tasks).map((item) => ({ region, window, item }))))
    .find(({ item }) => item.ServiceRoleArn === undefined);
  // An inventory association and a data sync in one region, since the input names one region for both.
  const association = regions
    .flatMap(([region, data]) => Object.values(data.associations).map((item) => ({ region, item })))
    .find(({ region, item }) => item.Name === 'AWS-GatherSoftwareInventory' && Object.keys(account.regions[region]!.dataSyncs).length > 0);
  const sync = association ? Object.values(account.regions[association.region]!.dataSyncs).map((item) => ({ region: association.region, item })).at(0) : undefined;
  const customRole = Object.values(account.iam.roles).find((role) => !role.isServiceLinked && role.assumeRolePolicyDocument.includes('ssm.amazonaws.com'));
  if (!task || !association || !sync || !customRole) throw new Error('The scenario lacks a task, an association, a data sync or a custom role.');
  return {
    isConfirmed: true,
    confirmRoleName: 'AWSServiceRoleForAmazonSSM',
    hasAcknowledgedDataImpact: true,
    description: 'Changed by a forced request',
    roleName: 'ForcedRequestRole',
    roleArn: customRole.arn,
    tasks: [
      {
        arn: `arn:${account.partition}:ssm:${task.region}:${account.accountId}:windowtask/${task.window.WindowId}/${task.item.WindowTaskId}`,
        region: task.region,
        windowId: task.window.WindowId,
        windowTaskId: task.item.WindowTaskId,
      },
    ],
    region: association.region,
    associationId: association.item.AssociationId,
    syncName: sync.item.SyncName,
    syncType: sync.item.SyncType,
  };
}

export interface RouteHandlerReference {
  /** The route as written, e.g. /api/audit/export or /api/regions/[region]. */
  route: string;
  file: string;
  methods: string[];
}

/** Every route handler of the app, from the source tree, with the HTTP methods it exports. */
export function readRouteHandlers(): RouteHandlerReference[] {
  return listFiles('app')
    .filter((file) => /(^|\/)route\.tsx?$/.test(file))
    .map((file) => {
      const source = readFileSync(file, 'utf8');
      const methods = [...source.matchAll(/export (?:async )?function (GET|HEAD|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!);
      const route = `/${path.dirname(file).replace(/^app\/?/, '')}`.replace(/\/\([^)]+\)/g, '');
      return { route, file, methods };
    });
}

export interface RawAnswer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request with exactly the headers given, Host included (fetch does not let a caller set Host). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => (text += chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text, headers: answer.headers }));
      answer.on('error', reject);
    });
    call.setTimeout(60_000, () => call.destroy(new Error(`${url} did not answer within 60 s`)));
    call.on('error', reject);
    call.end(options.body);
  });
}

/** The app's pages, from the source tree, as request paths (dynamic segments filled in). */
export function readPages(): string[] {
  return listFiles('app')
    .filter((file) => /(^|\/)page\.tsx$/.test(file))
    .map((file) => fillRoute(`/${path.dirname(file).replace(/^app\/?/, '')}`.replace(/\/\([^)]+\)/g, '').replace(/\/$/, '') || '/'));
}

/** One file of the build's static assets, as the path a browser requests it by. */
export function findStaticAsset(): string {
  const chunk = listFiles(path.join(DIST_DIR, 'static', 'chunks')).find((file) => file.endsWith('.js'));
  if (!chunk) throw new Error('The build has no static chunk: run next build first.');
  return `/_next/static/${path.relative(path.join(DIST_DIR, 'static'), chunk).split(path.sep).join('/')}`;
}

/**
 * The sandbox's state without IAM's Access Advisor report jobs: generating a last-accessed report is a read (AWS
 * keeps the job for the caller to poll), not a change to the account. Checks that "nothing changed" compare this.
 */
export function withoutReportJobs<T>(state: T): T {
  const copy = structuredClone(state) as { accounts?: Record<string, Record<string, unknown>> };
  for (const account of Object.values(copy.accounts ?? {})) delete account.accessAdvisorJobs;
  return copy as T;
}
