import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WatchChange } from '@/lib/watch/compare';
import { deliverPendingChanges } from '@/lib/watch/deliver';
import { openAtlasDatabase, type AtlasDatabase } from '@/lib/storage/database';
import { createWatchStore, type WatchStore } from '@/lib/watch/store';
import { describeWebhookUrl, postWebhook, toWebhookPayload } from '@/lib/watch/webhook';

// The webhook against a real local HTTP receiver: retries with backoff, timeouts, and no change posted twice.

interface Received {
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

let server: Server;
let url: string;
let received: Received[] = [];
/** What the receiver answers, one entry per request; 200 once the list is used up. */
let answers: Array<number | 'hang'> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ body: JSON.parse(text) as Record<string, unknown>, headers: request.headers });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return;
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-path-token`;
});

afterEach(() => {
  received = [];
  answers = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const change: WatchChange = {
  key: 'role-recreated:AROANEW',
  kind: 'role-recreated',
  accountId: '111122223333',
  region: 'global',
  subject: 'arn:aws:iam::111122223333:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM',
  summary: 'AWSServiceRoleForAmazonSSM was recreated in account 111122223333: RoleId AROANEW.',
  details: { roleId: 'AROANEW', createDate: '2026-11-29T10:10:00.000Z' },
};

const noWait = { sleep: async () => {}, baseDelayMs: 1 };

describe('webhook post', () => {
  it('sends a Slack-compatible text with the structured fields, and nothing secret', async () => {
    const result = await postWebhook(url, toWebhookPayload(change, 'aws', '2026-11-29T10:15:00.000Z'), noWait);
    expect(result).toEqual({ ok: true, attempts: 1 });
    expect(received).toHaveLength(1);
    const body = received[0]!.body;
    expect(body).toMatchObject({
      text: `SSM Role Atlas, account ${change.accountId}: ${change.summary}`,
      id: change.key,
      kind: 'role-recreated',
      target: 'aws',
      accountId: '111122223333',
      detectedAt: '2026-11-29T10:15:00.000Z',
      details: { roleId: 'AROANEW' },
    });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers.authorization).toBeUndefined();
    const text = JSON.stringify(body);
    expect(text).not.toContain('secret-path-token');
    expect(text).not.toMatch(/AKIA|aws_secret|session.?token/i);
  });

  it('retries a 5xx and a 429 with growing waits, then succeeds', async () => {
    answers = [503, 429];
    const waits: number[] = [];
    const result = await postWebhook(url, toWebhookPayload(change, 'aws', 'now'), { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(result).toEqual({ ok: true, attempts: 3 });
    expect(received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('does not retry a refusal (4xx) and says why without the URL', async () => {
    answers = [404];
    const result = await postWebhook(url, toWebhookPayload(change, 'aws', 'now'), noWait);
    expect(result).toEqual({ ok: false, attempts: 1, error: 'HTTP 404' });
    expect(received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer in time, after the set attempts', async () => {
    answers = ['hang', 'hang'];
    const result = await postWebhook(url, toWebhookPayload(change, 'aws', 'now'), { ...noWait, timeoutMs: 200, attempts: 2 });
    expect(result).toEqual({ ok: false, attempts: 2, error: 'no answer within 200 ms' });
    expect(received).toHaveLength(2);
  });

  it('reports an unreachable receiver by its error code, never its address', async () => {
    const result = await postWebhook('http://127.0.0.1:1/hooks/secret-path-token', toWebhookPayload(change, 'aws', 'now'), { ...noWait, attempts: 2 });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(2);
    expect(result.error).toMatch(/^network error \(/);
    expect(result.error).not.toContain('secret-path-token');
    expect(describeWebhookUrl(url)).toBe(new URL(url).origin);
  });
});

describe('webhook delivery from the watch store', () => {
  let dir: string;
  let databases: AtlasDatabase[];
  let store: WatchStore;
  let other: WatchStore;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-watch-'));
    // A second watcher (another process) has a connection of its own to the same data directory's database.
    databases = [openAtlasDatabase(dir), openAtlasDatabase(dir)];
    [store, other] = databases.map(createWatchStore) as [WatchStore, WatchStore];
  });

  afterAll(async () => {
    for (const db of databases) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records a change once, posts it once, and never again, even with two watchers', async () => {
    expect(store.addChange(change, { target: 'aws', detectedAt: '2026-11-29T10:15:00.000Z', delivery: 'pending' })).toBe(true);
    expect(other.addChange(change, { target: 'aws', detectedAt: '2026-11-29T10:16:00.000Z', delivery: 'pending' })).toBe(false);
    const [first, second] = await Promise.all([deliverPendingChanges(store, url, noWait), deliverPendingChanges(other, url, noWait)]);
    expect(first.sent + second.sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(await deliverPendingChanges(store, url, noWait)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(store.listChanges({ accountId: '111122223333' })[0]).toMatchObject({ delivery: 'sent', deliveryAttempts: 1, detectedAt: '2026-11-29T10:15:00.000Z' });
  });

  it('keeps a change that could not be posted for the next run, then posts it once', async () => {
    const next = { ...change, key: 'task-added:arn:aws:ssm:eu-west-1:111122223333:windowtask/mw-0123456789abcdef0/t9', kind: 'task-added' as const };
    store.addChange(next, { target: 'aws', detectedAt: '2026-11-29T10:30:00.000Z', delivery: 'pending' });
    answers = [500, 500];
    expect(await deliverPendingChanges(store, url, { ...noWait, attempts: 2 })).toEqual({ sent: 0, failed: 1, lastError: 'HTTP 500' });
    expect(await deliverPendingChanges(store, url, { ...noWait, attempts: 2 })).toEqual({ sent: 1, failed: 0 });
    expect(received.filter((entry) => entry.body.id === next.key)).toHaveLength(3);
    expect(await deliverPendingChanges(store, url, noWait)).toEqual({ sent: 0, failed: 0 });
    expect(store.listChanges({}).find((entry) => entry.key === next.key)).toMatchObject({ delivery: 'sent', deliveryAttempts: 3 });
  });

  it('never posts a change seen while no webhook was set', async () => {
    store.addChange({ ...change, key: 'blocker-removed:x' }, { target: 'aws', detectedAt: '2026-11-29T11:00:00.000Z', delivery: 'none' });
    expect(await deliverPendingChanges(store, url, noWait)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });
});
