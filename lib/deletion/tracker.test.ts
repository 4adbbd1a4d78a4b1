import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeletionFailure, DeletionTaskStatus } from '@/lib/deletion/machine';
import { createDeletionStore, UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { openAtlasDatabase, type AtlasDatabase } from '@/lib/storage/database';
import { createDeletionTracker, type DeletionGateway } from '@/lib/deletion/tracker';

class NotFound extends Error {}

/** An IAM stand-in with AWS's deletion semantics, driven step by step by the test. */
class FakeIam implements DeletionGateway {
  roleExists = true;
  role = { roleId: 'AROAEXAMPLEORIGINAL1', createDate: '2025-06-01T00:00:00.000Z' };
  tasks = new Map<string, { status: DeletionTaskStatus; failure?: DeletionFailure }>();
  current: string | null = null;
  calls: string[] = [];
  private counter = 0;

  async deleteServiceLinkedRole() {
    this.calls.push('DeleteServiceLinkedRole');
    if (!this.roleExists) throw new NotFound('role absent');
    const existing = this.current ? this.tasks.get(this.current) : undefined;
    if (this.current && existing && (existing.status === 'NOT_STARTED' || existing.status === 'IN_PROGRESS')) {
      return { deletionTaskId: this.current, requestId: `req-${this.calls.length}` };
    }
    this.counter += 1;
    this.current = `task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/task-${this.counter}`;
    this.tasks.set(this.current, { status: 'NOT_STARTED' });
    return { deletionTaskId: this.current, requestId: `req-${this.calls.length}` };
  }

  async getDeletionStatus(id: string) {
    this.calls.push(`GetServiceLinkedRoleDeletionStatus ${id}`);
    const task = this.tasks.get(id);
    if (!task) throw new NotFound('no such task');
    return { status: task.status, ...(task.failure ? { failure: task.failure } : {}) };
  }

  async getRole() {
    this.calls.push('GetRole');
    return { role: this.roleExists ? this.role : null };
  }

  /** The role created again (by Systems Manager, a console user…): the same name, a new id and date. */
  recreate(createDate: string) {
    this.roleExists = true;
    this.role = { roleId: 'AROAEXAMPLERECREATED', createDate };
  }

  isNotFound(error: unknown) {
    return error instanceof NotFound;
  }

  describeError(error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }

  set(status: DeletionTaskStatus, failure?: DeletionFailure) {
    if (!this.current) throw new Error('no task');
    this.tasks.set(this.current, { status, ...(failure ? { failure } : {}) });
  }
}

let dataDir: string;
let db: AtlasDatabase;
let iam: FakeIam;
const ACCOUNT = { target: 'sandbox', accountId: '123456789012' };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-deletion-'));
  db = openAtlasDatabase(dataDir);
  iam = new FakeIam();
});

afterEach(async () => {
  db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function tracker(clock = () => new Date('2026-01-01T00:00:00.000Z')) {
  return createDeletionTracker({ gateway: iam, store: createDeletionStore(db, ACCOUNT), now: clock });
}

function storedText(): string | undefined {
  return (db.prepare('SELECT record FROM deletions WHERE target = ? AND account_id = ?').get(ACCOUNT.target, ACCOUNT.accountId) as { record: string } | undefined)?.record;
}

describe('deletion tracker', () => {
  it('persists the task id before the first poll', async () => {
    const record = await tracker().start();
    const onDisk = JSON.parse(storedText() ?? 'null');
    expect(onDisk.record.deletionTaskId).toBe(record.deletionTaskId);
    // GetRole first: the record keeps which role it deletes.
    expect(iam.calls).toEqual(['GetRole', 'DeleteServiceLinkedRole']);
    expect(onDisk.record.deletedRole).toEqual(iam.role);
  });

  it('follows a deletion through NOT_STARTED, IN_PROGRESS and SUCCEEDED confirmed by GetRole', async () => {
    const subject = tracker();
    await subject.start();
    expect((await subject.poll())?.lastStatus).toBe('NOT_STARTED');
    iam.set('IN_PROGRESS');
    expect((await subject.poll())?.phase).toBe('pending');
    iam.set('SUCCEEDED');
    iam.roleExists = false;
    const done = await subject.poll();
    expect(done?.phase).toBe('succeeded');
    expect(iam.calls.slice(-2)).toEqual([`GetServiceLinkedRoleDeletionStatus ${done?.deletionTaskId}`, 'GetRole']);
    // Final: further polls ask AWS nothing.
    const callCount = iam.calls.length;
    await subject.poll();
    expect(iam.calls.length).toBe(callCount);
  });

  it('returns the same deletion when delete is repeated while the task is unfinished', async () => {
    const subject = tracker();
    const first = await subject.start();
    iam.set('IN_PROGRESS');
    await subject.poll();
    const second = await subject.start();
    expect(second.deletionTaskId).toBe(first.deletionTaskId);
    expect(second.round).toBe(1);
    expect(second.lastStatus).toBe('IN_PROGRESS');
  });

  it('settles the 404 race as succeeded when the task is purged and the role is gone', async () => {
    const subject = tracker();
    const record = await subject.start();
    iam.tasks.delete(record.deletionTaskId);
    iam.roleExists = false;
    const after = await subject.poll();
    expect(after?.phase).toBe('succeeded');
    expect(after?.timeline.map((entry) => entry.kind)).toEqual(['requested', 'status-not-found', 'role-gone']);
  });

  it('keeps polling in the 404 race when the role is still visible', async () => {
    const subject = tracker();
    const record = await subject.start();
    iam.tasks.delete(record.deletionTaskId);
    const after = await subject.poll();
    expect(after?.phase).toBe('pending');
    expect(after?.timeline.at(-1)?.kind).toBe('role-still-present');
    // The task shows up again (eventual consistency) and goes on.
    iam.tasks.set(record.deletionTaskId, { status: 'IN_PROGRESS' });
    expect((await subject.poll())?.lastStatus).toBe('IN_PROGRESS');
  });

  it('ends as "deleted, then recreated" when GetRole after SUCCEEDED shows a role with another id', async () => {
    const subject = tracker();
    await subject.start();
    iam.set('SUCCEEDED');
    iam.recreate('2026-01-01T00:00:00.500Z');
    const after = await subject.poll();
    expect(after).toMatchObject({ phase: 'recreated', recreatedAt: '2026-01-01T00:00:00.500Z' });
    const callCount = iam.calls.length;
    await subject.poll();
    expect(iam.calls.length).toBe(callCount);
  });

  it('ends as "deleted, then recreated" when the task is purged and another role stands in its place', async () => {
    const subject = tracker();
    const record = await subject.start();
    iam.tasks.delete(record.deletionTaskId);
    iam.recreate('2026-01-01T00:00:00.500Z');
    expect((await subject.poll())?.phase).toBe('recreated');
  });

  it('ends a FAILED task purged before a restarted server resumed it, instead of polling forever', async () => {
    const started = await tracker().start();
    iam.set('FAILED', { reason: 'in use', usage: [] });
    // Purged while nobody watched; the server comes back two hours later.
    iam.tasks.delete(started.deletionTaskId);
    let at = Date.parse('2026-01-01T02:00:00.000Z');
    const restarted = tracker(() => new Date(at));
    let record = await restarted.poll();
    let polls = 1;
    while (record?.phase !== 'failed' && polls < 50) {
      at += 10_000;
      record = await restarted.poll();
      polls += 1;
    }
    expect(record?.phase).toBe('failed');
    expect(record?.failure?.reason).toContain('most likely FAILED and its record was purged');
    expect(record?.timeline.map((entry) => entry.kind)).toContain('resumed');
    expect(polls).toBeLessThanOrEqual(8);
    expect(iam.calls.filter((call) => call === 'DeleteServiceLinkedRole')).toHaveLength(1);
  });

  it('refuses to poll or start over an unreadable record, never taking it for "no deletion", until it is cleared', async () => {
    const subject = tracker();
    await subject.start();
    for (const corrupt of ['{"version":1,"record":{"deletionTaskId":', JSON.stringify({ version: 1, record: { deletionTaskId: 'x', phase: 'gone' } })]) {
      db.prepare('UPDATE deletions SET record = ?').run(corrupt);
      await expect(subject.getCurrent()).rejects.toBeInstanceOf(UnreadableDeletionRecordError);
      await expect(subject.poll()).rejects.toThrow(/stored deletion record cannot be read/);
      await expect(subject.start()).rejects.toBeInstanceOf(UnreadableDeletionRecordError);
    }
    // Nothing went to IAM while the record was unreadable.
    expect(iam.calls).toEqual(['GetRole', 'DeleteServiceLinkedRole']);
    await subject.clear();
    expect(await subject.getCurrent()).toBeNull();
    expect(storedText()).toBeUndefined();
  });

  it('reports a FAILED round with a partial usage list, then succeeds in a second round', async () => {
    const subject = tracker();
    const first = await subject.start();
    const failure = {
      reason: 'Role is in use by maintenance window tasks',
      usage: [{ region: 'eu-west-1', resources: ['arn:aws:ssm:eu-west-1:123456789012:windowtask/mw-0123456789abcdef0/t1'] }],
    };
    iam.set('FAILED', failure);
    const failed = await subject.poll();
    expect(failed?.phase).toBe('failed');
    expect(failed?.failure).toEqual(failure);

    const second = await subject.start();
    expect(second.deletionTaskId).not.toBe(first.deletionTaskId);
    expect(second.round).toBe(2);
    expect(second.previousRounds[0]?.failure).toEqual(failure);
    iam.set('SUCCEEDED');
    iam.roleExists = false;
    expect((await subject.poll())?.phase).toBe('succeeded');
  });

  it('resumes the persisted task after a restart without deleting again', async () => {
    const before = await tracker().start();
    iam.set('IN_PROGRESS');
    // A new tracker with a fresh memory stands for a restarted server reading the same data directory.
    const restarted = tracker();
    const current = await restarted.getCurrent();
    expect(current?.deletionTaskId).toBe(before.deletionTaskId);
    const polled = await restarted.poll();
    expect(polled?.deletionTaskId).toBe(before.deletionTaskId);
    expect(polled?.timeline.map((entry) => entry.kind)).toEqual(['requested', 'resumed', 'status']);
    expect(iam.calls.filter((call) => call === 'DeleteServiceLinkedRole')).toHaveLength(1);
  });

  it('records a status-read failure and keeps the deletion pending', async () => {
    const subject = tracker();
    await subject.start();
    iam.getDeletionStatus = async () => {
      throw new Error('Rate exceeded');
    };
    const after = await subject.poll();
    expect(after?.phase).toBe('pending');
    expect(after?.consecutiveErrors).toBe(1);
    expect(after?.timeline.at(-1)?.message).toContain('Rate exceeded');
  });

  it('reports the finish of a deletion to exactly one poll', async () => {
    const subject = tracker();
    await subject.start();
    iam.set('FAILED', { reason: 'in use', usage: [] });
    const results = await Promise.all([subject.pollAndReport(), subject.pollAndReport(), subject.pollAndReport()]);
    expect(results.map((result) => result.hasJustFinished)).toEqual([true, false, false]);
    expect(results.every((result) => result.record?.phase === 'failed')).toBe(true);
  });

  it('serialises concurrent polls so none is lost', async () => {
    const subject = tracker();
    await subject.start();
    iam.set('IN_PROGRESS');
    const results = await Promise.all([subject.poll(), subject.poll(), subject.poll()]);
    expect(results.map((record) => record?.pollCount)).toEqual([1, 2, 3]);
  });
});
