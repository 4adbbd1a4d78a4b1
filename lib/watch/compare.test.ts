import { describe, expect, it } from 'vitest';
import { chooseBaseline, compareWithBaseline, type WatchBaseline } from '@/lib/watch/compare';
import type { WatchedContent, WatchedRegion, WatchSnapshot } from '@/lib/watch/snapshot';

// Every kind of change the watch reports, and none when nothing changed. Snapshots are written by hand.

const ACCOUNT = '111122223333';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;
const TASK_A = `arn:aws:ssm:eu-west-1:${ACCOUNT}:windowtask/mw-0123456789abcdef0/aaaaaaaa-0000-0000-0000-000000000001`;
const TASK_B = `arn:aws:ssm:eu-west-1:${ACCOUNT}:windowtask/mw-0123456789abcdef0/bbbbbbbb-0000-0000-0000-000000000002`;

function task(arn: string) {
  return { arn, windowId: 'mw-0123456789abcdef0', windowName: 'patching', taskArn: 'AWS-RunPatchBaseline' };
}

function content(overrides: Partial<WatchedContent> = {}): WatchedContent {
  return { blockingTasks: [], data: [], taggedResources: 0, ...overrides };
}

function region(code: string, regionContent: WatchedContent | null = content(), isReadable = true): WatchedRegion {
  return { code, isReadable, content: regionContent, ...(isReadable ? {} : { problem: 'AccessDeniedException' }) };
}

function snapshot(takenAt: string, overrides: Partial<WatchSnapshot> = {}): WatchSnapshot {
  return {
    takenAt,
    target: 'aws',
    accountId: ACCOUNT,
    auditId: `audit-${takenAt}`,
    role: { state: 'present', arn: ROLE_ARN, roleId: 'AROAOLD', createDate: '2024-01-01T00:00:00.000Z' },
    regions: [region('eu-west-1', content({ blockingTasks: [task(TASK_A)] })), region('us-east-1')],
    ...overrides,
  };
}

const T1 = '2026-11-29T10:00:00.000Z';
const T2 = '2026-11-29T10:15:00.000Z';
const previous = (snap: WatchSnapshot): WatchBaseline => ({ kind: 'previous-run', snapshot: snap });

describe('watch comparison', () => {
  it('reports nothing when nothing changed', () => {
    expect(compareWithBaseline(previous(snapshot(T1)), snapshot(T2))).toEqual([]);
  });

  it('reports the role recreated after a recorded deletion, by its new RoleId and CreateDate', () => {
    const baseline: WatchBaseline = { kind: 'deletion', deletedAt: '2026-11-29T10:05:00.000Z', requestedAt: '2026-11-29T10:04:50.000Z', deletionTaskId: 'task/x', snapshot: snapshot(T1) };
    const current = snapshot(T2, {
      role: { state: 'present', arn: ROLE_ARN, roleId: 'AROANEW', createDate: '2026-11-29T10:10:00.000Z' },
      regions: [region('eu-west-1'), region('us-east-1')],
    });
    const changes = compareWithBaseline(baseline, current);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      key: 'role-recreated:AROANEW',
      kind: 'role-recreated',
      region: 'global',
      subject: ROLE_ARN,
      details: { roleId: 'AROANEW', createDate: '2026-11-29T10:10:00.000Z', deletedAt: '2026-11-29T10:05:00.000Z', deletionTaskId: 'task/x' },
    });
    expect(changes[0]?.summary).toContain('recreated');
    expect(changes[0]?.summary).toContain('after its deletion at 2026-11-29T10:05:00.000Z');
  });

  it('reports the role recreated between two runs when its RoleId changed, and when it was absent before', () => {
    const recreated = snapshot(T2, { role: { state: 'present', arn: ROLE_ARN, roleId: 'AROANEW', createDate: T2 } });
    expect(compareWithBaseline(previous(snapshot(T1)), recreated).map((change) => change.kind)).toEqual(['role-recreated']);
    const wasAbsent = snapshot(T1, { role: { state: 'absent' } });
    expect(compareWithBaseline(previous(wasAbsent), recreated)[0]).toMatchObject({ kind: 'role-recreated', details: { previousRoleId: null } });
  });

  it('counts a role created in the second the deletion was requested as recreated (IAM dates are whole seconds)', () => {
    const baseline: WatchBaseline = { kind: 'deletion', deletedAt: '2026-11-29T10:05:00.900Z', requestedAt: '2026-11-29T10:04:59.600Z', deletionTaskId: 't', snapshot: null };
    const current = snapshot(T2, { role: { state: 'present', arn: ROLE_ARN, roleId: 'AROANEW', createDate: '2026-11-29T10:04:59.000Z' }, regions: [] });
    expect(compareWithBaseline(baseline, current).map((change) => change.kind)).toEqual(['role-recreated']);
  });

  it('does not take the old role, still visible just after the deletion, for a recreation', () => {
    const baseline: WatchBaseline = { kind: 'deletion', deletedAt: '2026-11-29T10:05:00.000Z', requestedAt: '2026-11-29T10:04:50.000Z', deletionTaskId: 'task/x', snapshot: null };
    const current = snapshot(T2, { regions: [region('eu-west-1')] });
    expect(compareWithBaseline(baseline, current)).toEqual([]);
  });

  it('reports a new task relying on the role, and counts every blocker as new after a deletion', () => {
    const added = snapshot(T2, { regions: [region('eu-west-1', content({ blockingTasks: [task(TASK_A), task(TASK_B)] })), region('us-east-1')] });
    const changes = compareWithBaseline(previous(snapshot(T1)), added);
    expect(changes).toEqual([
      expect.objectContaining({ key: `task-added:${TASK_B}`, kind: 'task-added', region: 'eu-west-1', subject: TASK_B }),
    ]);
    const afterDeletion = compareWithBaseline({ kind: 'deletion', deletedAt: T1, requestedAt: T1, deletionTaskId: 't', snapshot: null }, snapshot(T2, { role: { state: 'absent' } }));
    expect(afterDeletion.map((change) => change.key)).toEqual([`task-added:${TASK_A}`]);
  });

  it('reports a blocker that went away', () => {
    const gone = snapshot(T2, { regions: [region('eu-west-1'), region('us-east-1')] });
    expect(compareWithBaseline(previous(snapshot(T1)), gone)).toEqual([
      expect.objectContaining({ key: `blocker-removed:${TASK_A}`, kind: 'blocker-removed', region: 'eu-west-1', subject: TASK_A }),
    ]);
  });

  it('reports a region that became unreadable, and no blocker "gone" there', () => {
    const unreadable = snapshot(T2, { regions: [region('eu-west-1', content({ blockingTasks: [task(TASK_A)] }), false), region('us-east-1')] });
    const changes = compareWithBaseline(previous(snapshot(T1)), unreadable);
    expect(changes).toEqual([expect.objectContaining({ kind: 'region-unreadable', region: 'eu-west-1', details: { problem: 'AccessDeniedException' } })]);
    // Still unreadable at the next run: not reported again.
    expect(compareWithBaseline(previous(unreadable), snapshot(T2, { regions: unreadable.regions })).filter((c) => c.kind === 'region-unreadable')).toEqual([]);
  });

  it('reports the account unreadable once', () => {
    const down = snapshot(T2, { accountProblem: 'ExpiredToken', role: { state: 'unreadable', problem: 'ExpiredToken' } });
    expect(compareWithBaseline(previous(snapshot(T1)), down)).toEqual([
      expect.objectContaining({ kind: 'account-unreadable', region: 'global', subject: ACCOUNT, details: { problem: 'ExpiredToken' } }),
    ]);
    expect(compareWithBaseline(previous(down), { ...down, takenAt: '2026-11-29T10:30:00.000Z' })).toEqual([]);
  });

  it('reports new data the role feeds: an association, a sync, a group, more tagged resources', () => {
    const more = snapshot(T2, {
      regions: [
        region('eu-west-1', content({ blockingTasks: [task(TASK_A)] })),
        region(
          'us-east-1',
          content({
            data: [
              { kind: 'inventory-association', id: 'assoc-1', label: 'inventory-all' },
              { kind: 'data-sync', id: 'explorer-sync', label: 'explorer-sync' },
              { kind: 'resource-group', id: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/web`, label: 'web' },
            ],
            taggedResources: 3,
          }),
        ),
      ],
    });
    const changes = compareWithBaseline(previous(snapshot(T1)), more);
    expect(changes.map((change) => [change.kind, change.subject])).toEqual([
      ['data-impact-added', 'assoc-1'],
      ['data-impact-added', 'explorer-sync'],
      ['data-impact-added', `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/web`],
      ['data-impact-added', 'us-east-1'],
    ]);
    expect(changes.at(-1)?.details).toEqual({ dataKind: 'tagged-resources', count: 3, previousCount: 0 });
  });

  it('gives the same change the same key in every run, so it is recorded and sent once', () => {
    const added = snapshot(T2, { regions: [region('eu-west-1', content({ blockingTasks: [task(TASK_A), task(TASK_B)] })), region('us-east-1')] });
    const first = compareWithBaseline(previous(snapshot(T1)), added);
    const again = compareWithBaseline(previous(snapshot(T1)), { ...added, takenAt: '2026-11-29T11:00:00.000Z' });
    expect(again.map((change) => change.key)).toEqual(first.map((change) => change.key));
  });
});

describe('baseline', () => {
  const deletion = { finishedAt: '2026-11-29T10:05:00.000Z', requestedAt: '2026-11-29T10:04:50.000Z', deletionTaskId: 'task/x' };

  it('is the deletion when it came after the last run, otherwise the last run', () => {
    expect(chooseBaseline(snapshot(T1), deletion)).toMatchObject({ kind: 'deletion', deletedAt: deletion.finishedAt });
    expect(chooseBaseline(null, deletion)).toMatchObject({ kind: 'deletion', snapshot: null });
    expect(chooseBaseline(snapshot(T2), deletion)).toMatchObject({ kind: 'previous-run' });
    expect(chooseBaseline(snapshot(T1), null)).toMatchObject({ kind: 'previous-run' });
  });

  it('is absent at the first run with no deletion recorded', () => {
    expect(chooseBaseline(null, null)).toBeNull();
  });
});
