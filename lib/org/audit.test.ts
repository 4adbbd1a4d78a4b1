import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScanMetrics } from '@/lib/audit/scanner';
import { createAwsClients, type AwsClients } from '@/lib/aws/clients';
import { AwsError } from '@/lib/aws/errors';
import { parseSettings, SANDBOX_ACCOUNT_ID } from '@/lib/config';
import { auditOrganization, type AccountConnection } from '@/lib/org/audit';
import { toAccountRow } from '@/lib/org/summary';
import type { OrgAccount, OrgAuditEvent, OrgStructure } from '@/lib/org/types';
import { getRoleArn } from '@/lib/role/constants';
import { startSandbox, type RunningSandbox } from '@/sandbox/server';
import type { SandboxState } from '@/sandbox/types';

// The organization audit's fan-out against a real sandbox account: every "account" below that opens reads the
// sandbox's one account through the real scanner; the others fail to open as a member account can (AssumeRole
// denied, no answer) or are suspended. The expected figures come from the sandbox's raw state.

let sandbox: RunningSandbox;
let dataDir: string;
let clients: AwsClients;

function member(id: string, overrides: Partial<OrgAccount> = {}): OrgAccount {
  return { id, name: `member-${id}`, status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-1', ouPath: ['Workloads'], isCaller: false, ...overrides };
}

const accounts = {
  caller: member(SANDBOX_ACCOUNT_ID, { name: 'management', isCaller: true, parentId: 'r-1', ouPath: [] }),
  readable: member('111111111111'),
  denied: member('222222222222'),
  silent: member('333333333333'),
  suspended: member('444444444444', { status: 'SUSPENDED', state: 'SUSPENDED' }),
};

const structure: OrgStructure = {
  source: 'organizations',
  callerAccountId: SANDBOX_ACCOUNT_ID,
  tree: [],
  accounts: Object.values(accounts),
  warnings: [],
};

function connect(account: OrgAccount, signal: AbortSignal): Promise<AccountConnection> {
  if (account.id === accounts.denied.id) {
    return Promise.reject(
      new AwsError({
        kind: 'access-denied',
        code: 'AccessDenied',
        message: `User: arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/atlas is not authorized to perform: sts:AssumeRole`,
        httpStatus: 403,
      }),
    );
  }
  // Never answers: only the account's deadline ends it.
  if (account.id === accounts.silent.id) return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  return Promise.resolve({ clients, callerArn: `arn:aws:sts::${account.id}:assumed-role/OrganizationAccountAccessRole/atlas` });
}

async function getState(): Promise<SandboxState> {
  return (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as SandboxState;
}

/** Tasks on the role as seen from `accountId`: a task naming another account's role does not run as this one's. */
function countTasksOnRole(state: SandboxState, accountId: string): number {
  const account = state.accounts[SANDBOX_ACCOUNT_ID]!;
  const roleArn = getRoleArn(account.partition, accountId);
  return Object.values(account.regions)
    .filter((region) => region.optInStatus !== 'not-opted-in')
    .flatMap((region) => Object.values(region.windows).flatMap((window) => Object.values(window.tasks)))
    .filter((task) => !task.ServiceRoleArn || task.ServiceRoleArn === roleArn).length;
}

async function setFaults(faults: unknown[]): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-org-audit-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo' });
  clients = createAwsClients(parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(sandbox.port) }));
});

afterAll(async () => {
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await setFaults([]);
});

describe('auditOrganization', () => {
  it('reads the accounts it can open, and leaves denied, timed-out and suspended accounts unread', async () => {
    const state = await getState();
    const expectedTasks = countTasksOnRole(state, SANDBOX_ACCOUNT_ID);
    const expectedMemberTasks = countTasksOnRole(state, accounts.readable.id);
    expect(expectedMemberTasks).toBeGreaterThan(0);
    const events: OrgAuditEvent[] = [];
    const audit = await auditOrganization({
      structure,
      target: 'sandbox',
      partition: 'aws',
      homeRegion: 'us-east-1',
      connect,
      limits: { accountDeadlineMs: 6000 },
      onEvent: (event) => events.push(event),
    });
    const rows = new Map(audit.accounts.map((result) => [result.account.id, toAccountRow(result)]));
    expect(rows.get(accounts.caller.id)).toMatchObject({ verdict: 'blocked', tasksOnRole: expectedTasks, rolePresent: true, regionsUnknown: 0 });
    expect(rows.get(accounts.readable.id)).toMatchObject({ verdict: 'blocked', tasksOnRole: expectedMemberTasks });
    expect(rows.get(accounts.readable.id)?.callerArn).toContain('assumed-role/OrganizationAccountAccessRole');
    expect(audit.accounts.find((result) => result.account.id === accounts.denied.id)?.outcome.kind).toBe('role-denied');
    expect(audit.accounts.find((result) => result.account.id === accounts.silent.id)?.outcome).toEqual({ kind: 'timed-out', afterMs: 6000 });
    expect(audit.accounts.find((result) => result.account.id === accounts.suspended.id)?.outcome.kind).toBe('skipped');
    expect(audit.verdict).toEqual({ kind: 'blocked', blockedAccounts: [accounts.caller.id, accounts.readable.id], unknownAccounts: [accounts.denied.id, accounts.silent.id] });

    // Live progress: a start, per-account region progress, one event per account, then the end.
    expect(events[0]?.type).toBe('started');
    expect(events.filter((event) => event.type === 'account')).toHaveLength(5);
    const progress = events.filter((event) => event.type === 'account-progress' && event.accountId === accounts.readable.id);
    expect(progress.length).toBeGreaterThan(1);
    expect(events.at(-1)?.type).toBe('finished');
  });

  it('never counts a denied or timed-out account as clean, even when every account read is clean', async () => {
    const audit = await auditOrganization({
      structure: { ...structure, accounts: [accounts.denied, accounts.suspended] },
      target: 'sandbox',
      partition: 'aws',
      homeRegion: 'us-east-1',
      connect,
    });
    expect(audit.verdict).toEqual({ kind: 'unknown', unknownAccounts: [accounts.denied.id] });
  });

  it('keeps calls in flight within the organization-wide cap while scanning several accounts at once', async () => {
    await setFaults([{ latencyMs: 20 }]);
    const metrics = new ScanMetrics();
    const many = Array.from({ length: 6 }, (_, index) => member(String(500000000000 + index)));
    const audit = await auditOrganization({
      structure: { ...structure, accounts: many },
      target: 'sandbox',
      partition: 'aws',
      homeRegion: 'us-east-1',
      connect,
      limits: { globalConcurrency: 10, accountConcurrency: 6, accountsInParallel: 3 },
      metrics,
    });
    expect(audit.accounts.every((result) => result.outcome.kind === 'scanned')).toBe(true);
    expect(metrics.peakInFlight).toBeLessThanOrEqual(10);
    // The cap is used, not just respected: several accounts ran side by side.
    expect(metrics.peakInFlight).toBeGreaterThan(6);
    const calls = (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as { calls: unknown[] };
    expect(metrics.calls).toBeGreaterThan(many.length * 10);
    expect(calls.calls.length).toBeGreaterThanOrEqual(metrics.calls - many.length);
  });
});
