import { describe, expect, it } from 'vitest';
import {
  applyDeletionEvent,
  getNextPollRequest,
  getPollDelayMs,
  isFinished,
  isLongRunning,
  type DeletionRecord,
} from '@/lib/deletion/machine';

const TASK_A = 'task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/11111111-1111-4111-8111-111111111111';
const TASK_B = 'task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/22222222-2222-4222-8222-222222222222';

const ROLE = { roleId: 'AROAEXAMPLEDELETED01', createDate: '2025-06-01T00:00:00.000Z' };

function requested(id = TASK_A, at = '2026-01-01T00:00:00.000Z'): DeletionRecord {
  return applyDeletionEvent(null, { type: 'delete-requested', deletionTaskId: id, at, requestId: 'req-1', role: ROLE });
}

describe('deletion state machine', () => {
  it('starts pending on the returned task id and asks for the status first', () => {
    const record = requested();
    expect(record.deletionTaskId).toBe(TASK_A);
    expect(record.phase).toBe('pending');
    expect(record.round).toBe(1);
    expect(getNextPollRequest(record)).toBe('status');
    expect(record.timeline[0]).toMatchObject({ kind: 'requested', requestId: 'req-1' });
  });

  it('stays pending through NOT_STARTED and IN_PROGRESS, logging each change once', () => {
    let record = requested();
    record = applyDeletionEvent(record, { type: 'status', status: 'NOT_STARTED', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'status', status: 'NOT_STARTED', at: '2026-01-01T00:00:02.000Z' });
    record = applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:03.000Z' });
    expect(record.phase).toBe('pending');
    expect(record.lastStatus).toBe('IN_PROGRESS');
    expect(record.pollCount).toBe(3);
    expect(record.timeline.filter((entry) => entry.kind === 'status').map((entry) => entry.status)).toEqual(['NOT_STARTED', 'IN_PROGRESS']);
    expect(getNextPollRequest(record)).toBe('status');
  });

  it('does not believe SUCCEEDED until GetRole confirms the role is gone', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    expect(record.phase).toBe('confirming');
    expect(isFinished(record)).toBe(false);
    expect(getNextPollRequest(record)).toBe('get-role');
    // IAM lag: still visible, so GetRole is asked again (not the status).
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('confirming');
    expect(getNextPollRequest(record)).toBe('get-role');
    record = applyDeletionEvent(record, { type: 'role-checked', role: null, at: '2026-01-01T00:00:03.000Z' });
    expect(record.phase).toBe('succeeded');
    expect(record.finishedAt).toBe('2026-01-01T00:00:03.000Z');
    expect(getNextPollRequest(record)).toBe('none');
  });

  it('keeps the FAILED reason and the per-region usage list', () => {
    const failure = {
      reason: 'The role is in use',
      usage: [{ region: 'eu-west-1', resources: ['arn:aws:ssm:eu-west-1:123456789012:windowtask/mw-0123456789abcdef0/abc'] }],
    };
    const record = applyDeletionEvent(requested(), { type: 'status', status: 'FAILED', at: '2026-01-01T00:00:04.000Z', failure });
    expect(record.phase).toBe('failed');
    expect(record.failure).toEqual(failure);
    expect(getNextPollRequest(record)).toBe('none');
    expect(record.timeline.at(-1)?.message).toContain('The role is in use');
  });

  it('fills in a reason when FAILED comes without one', () => {
    const record = applyDeletionEvent(requested(), { type: 'status', status: 'FAILED', at: '2026-01-01T00:00:04.000Z' });
    expect(record.failure).toEqual({ reason: 'AWS gave no reason.', usage: [] });
  });

  it('treats the same task id from a repeated delete as the same deletion', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'delete-requested', deletionTaskId: TASK_A, at: '2026-01-01T00:00:02.000Z' });
    expect(record.round).toBe(1);
    expect(record.requestedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(record.lastStatus).toBe('IN_PROGRESS');
    expect(record.timeline.at(-1)?.kind).toBe('same-task');
  });

  it('resolves a status NoSuchEntity with GetRole: role gone means the deletion succeeded', () => {
    let record = applyDeletionEvent(requested(), { type: 'status-not-found', at: '2026-01-01T00:00:01.000Z' });
    expect(record.phase).toBe('confirming');
    expect(getNextPollRequest(record)).toBe('get-role');
    record = applyDeletionEvent(record, { type: 'role-checked', role: null, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('succeeded');
  });

  it('resolves a status NoSuchEntity with GetRole: role still visible means keep polling the status', () => {
    let record = applyDeletionEvent(requested(), { type: 'status-not-found', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('pending');
    expect(isFinished(record)).toBe(false);
    expect(getNextPollRequest(record)).toBe('status');
    expect(record.timeline.at(-1)?.kind).toBe('role-still-present');
  });

  it('calls a role of the same name with another RoleId, found after SUCCEEDED, deleted then recreated: final', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    const newRole = { roleId: 'AROAEXAMPLERECREATED', createDate: '2026-01-01T00:00:01.500Z' };
    record = applyDeletionEvent(record, { type: 'role-checked', role: newRole, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('recreated');
    expect(record.recreatedAt).toBe('2026-01-01T00:00:01.500Z');
    expect(isFinished(record)).toBe(true);
    expect(getNextPollRequest(record)).toBe('none');
    expect(record.timeline.at(-1)).toMatchObject({ kind: 'role-recreated', message: expect.stringContaining('AROAEXAMPLERECREATED') });
  });

  it('calls a role with the same RoleId but another CreateDate, found after a purged task, recreated as well', () => {
    let record = applyDeletionEvent(requested(), { type: 'status-not-found', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: { ...ROLE, createDate: '2026-01-01T00:00:00.900Z' }, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('recreated');
    expect(getNextPollRequest(record)).toBe('none');
  });

  it('takes the same role with its date written differently as the same role', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: { ...ROLE, createDate: '2025-06-01T00:00:00Z' }, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('confirming');
  });

  it('stops believing IAM lag after a minute of the same role after SUCCEEDED: final, with the reason', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:00:02.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:01:01.000Z' });
    expect(record.phase).toBe('confirming');
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:01:02.000Z' });
    expect(record.phase).toBe('failed');
    expect(getNextPollRequest(record)).toBe('none');
    expect(record.failure?.reason).toContain('IAM reported SUCCEEDED, but GetRole still returns the same role');
    expect(record.timeline.at(-1)?.kind).toBe('unconfirmed');
  });

  it('ends a FAILED task purged before the wizard resumed: NoSuchEntity and the same role for a minute is a failure, not endless polling', () => {
    // The wizard was away while the task FAILED and IAM forgot it; it resumes long after.
    let record = applyDeletionEvent(requested(), { type: 'resumed', at: '2026-01-01T02:00:00.000Z' });
    let polls = 0;
    for (let second = 0; getNextPollRequest(record) !== 'none' && polls < 100; second += 10) {
      const at = new Date(Date.parse('2026-01-01T02:00:00.000Z') + second * 1000).toISOString();
      record =
        getNextPollRequest(record) === 'status'
          ? applyDeletionEvent(record, { type: 'status-not-found', at })
          : applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at });
      polls += 1;
    }
    expect(record.phase).toBe('failed');
    expect(polls).toBeLessThan(20);
    expect(record.failure?.reason).toContain('most likely FAILED and its record was purged');
  });

  it('starts the minute afresh when the task shows up again between NoSuchEntity answers', () => {
    let record = applyDeletionEvent(requested(), { type: 'status-not-found', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:00:02.000Z' });
    record = applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:50.000Z' });
    record = applyDeletionEvent(record, { type: 'status-not-found', at: '2026-01-01T00:01:10.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: ROLE, at: '2026-01-01T00:01:10.000Z' });
    expect(record.phase).toBe('pending');
    expect(record.stillPresentSince).toBe('2026-01-01T00:01:10.000Z');
  });

  it('compares nothing for a record that knows no deleted role, and still stops after the minute', () => {
    let record = applyDeletionEvent(null, { type: 'delete-requested', deletionTaskId: TASK_A, at: '2026-01-01T00:00:00.000Z' });
    record = applyDeletionEvent(record, { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    const other = { roleId: 'AROAEXAMPLEOTHER0001', createDate: '2026-01-01T00:00:00.500Z' };
    record = applyDeletionEvent(record, { type: 'role-checked', role: other, at: '2026-01-01T00:00:02.000Z' });
    expect(record.phase).toBe('confirming');
    record = applyDeletionEvent(record, { type: 'role-checked', role: other, at: '2026-01-01T00:01:02.000Z' });
    expect(record.phase).toBe('failed');
  });

  it('starts afresh after a deletion whose role was recreated', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'SUCCEEDED', at: '2026-01-01T00:00:01.000Z' });
    record = applyDeletionEvent(record, { type: 'role-checked', role: { roleId: 'AROANEW', createDate: '2026-01-01T00:00:01.500Z' }, at: '2026-01-01T00:00:02.000Z' });
    record = applyDeletionEvent(record, { type: 'delete-requested', deletionTaskId: TASK_B, at: '2026-01-01T00:10:00.000Z' });
    expect(record).toMatchObject({ round: 1, phase: 'pending', previousRounds: [] });
  });

  it('starts a second round with a new task id after a FAILED one, keeping the first round', () => {
    const failure = { reason: 'in use', usage: [{ region: 'us-east-1', resources: ['arn:one'] }] };
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'FAILED', at: '2026-01-01T00:00:04.000Z', failure });
    record = applyDeletionEvent(record, { type: 'delete-requested', deletionTaskId: TASK_B, at: '2026-01-01T00:10:00.000Z' });
    expect(record.round).toBe(2);
    expect(record.phase).toBe('pending');
    expect(record.failure).toBeUndefined();
    expect(record.previousRounds).toEqual([
      { deletionTaskId: TASK_A, requestedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:04.000Z', outcome: 'failed', failure },
    ]);
  });

  it('ignores late statuses once a task is final', () => {
    const record = applyDeletionEvent(requested(), { type: 'status', status: 'FAILED', at: '2026-01-01T00:00:04.000Z' });
    expect(applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:05.000Z' })).toBe(record);
  });

  it('counts poll errors, backs off further and keeps polling', () => {
    let record = applyDeletionEvent(requested(), { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:01.000Z' });
    const normalDelay = getPollDelayMs(record);
    record = applyDeletionEvent(record, { type: 'poll-error', at: '2026-01-01T00:00:02.000Z', message: 'Rate exceeded.' });
    expect(record.consecutiveErrors).toBe(1);
    expect(getNextPollRequest(record)).toBe('status');
    expect(getPollDelayMs(record)).toBeGreaterThan(normalDelay);
    record = applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: '2026-01-01T00:00:03.000Z' });
    expect(record.consecutiveErrors).toBe(0);
  });

  it('backs off from 1 s to at most 10 s between polls', () => {
    let record = requested();
    const delays: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      record = applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: `2026-01-01T00:00:${String(index + 1).padStart(2, '0')}.000Z` });
      delays.push(getPollDelayMs(record));
    }
    expect(delays[0]).toBe(1_000);
    expect(delays[1]).toBe(1_500);
    expect(delays.at(-1)).toBe(10_000);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  it('flags a deletion still running after five minutes', () => {
    const record = requested();
    expect(isLongRunning(record, new Date('2026-01-01T00:04:59.000Z'))).toBe(false);
    expect(isLongRunning(record, new Date('2026-01-01T00:05:00.000Z'))).toBe(true);
  });
});
