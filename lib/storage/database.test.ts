import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityStore } from '@/lib/activity/store';
import { readStoredAudit } from '@/lib/audit/store';
import { createDeletionStore, UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { openSqliteDatabase } from '@/lib/sqlite';
import { getSchemaVersion, openAtlasDatabase, SCHEMA_VERSION, type AtlasDatabase } from '@/lib/storage/database';
import type { WatchSnapshot } from '@/lib/watch/snapshot';
import { createWatchStore } from '@/lib/watch/store';

// The dashboard's database: private files, migrations, and the import of what earlier versions kept as JSON
// files and separate activity and watch databases. Legacy data is written here by hand, in the old formats.

let root: string;
let dataDir: string;
const opened: AtlasDatabase[] = [];

function open(): AtlasDatabase {
  const db = openAtlasDatabase(dataDir);
  opened.push(db);
  return db;
}

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'atlas-database-'));
  dataDir = path.join(root, 'data', 'atlas');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.isOpen) db.close();
  rmSync(root, { recursive: true, force: true });
});

const LEGACY_ACTIVITY = [
  ['e1', '2026-01-01T00:00:00.000Z', 'sandbox', '123456789012', 'arn:aws:iam::123456789012:user/admin', 'global', 'UpdateRole', 'AWSServiceRoleForAmazonSSM', '{"Description":"x"}', 'succeeded', 'Description updated.', 'req-1'],
  ['e2', '2026-01-01T00:01:00.000Z', 'sandbox', '123456789012', 'arn:aws:iam::123456789012:user/admin', 'eu-west-1', 'DeregisterTaskFromMaintenanceWindow', 'arn:task', '{}', 'failed', 'busy', null],
] as const;

function writeLegacyActivity(): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const legacy = openSqliteDatabase(path.join(dataDir, 'activity.sqlite'));
  legacy.exec(`CREATE TABLE activity (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, time TEXT NOT NULL, target TEXT NOT NULL,
    account_id TEXT NOT NULL, caller_arn TEXT NOT NULL, region TEXT NOT NULL, operation TEXT NOT NULL, subject TEXT NOT NULL, parameters TEXT NOT NULL,
    result TEXT NOT NULL, message TEXT NOT NULL, request_id TEXT)`);
  const insert = legacy.prepare('INSERT INTO activity (id, time, target, account_id, caller_arn, region, operation, subject, parameters, result, message, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of LEGACY_ACTIVITY) insert.run(...row);
  legacy.close();
}

const LEGACY_AUDIT = {
  id: 'audit-legacy',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:05.000Z',
  target: { target: 'sandbox', accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/admin', partition: 'aws' },
  roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM',
  roleExists: true,
  regions: [{ region: { code: 'eu-west-1', name: 'Europe (Ireland)' }, status: { kind: 'ok' }, findings: null, warnings: [], startedAt: 'a', finishedAt: 'b', callCount: 3 }],
  verdict: { kind: 'safe' },
};

const LEGACY_DELETION = {
  version: 1,
  record: {
    deletionTaskId: 'task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/11111111-1111-4111-8111-111111111111',
    round: 2,
    requestedAt: '2026-01-01T00:10:00.000Z',
    phase: 'pending',
    lastStatus: 'IN_PROGRESS',
    pollCount: 3,
    consecutiveErrors: 0,
    previousRounds: [],
    timeline: [{ at: '2026-01-01T00:10:00.000Z', kind: 'requested', message: 'DeleteServiceLinkedRole accepted.' }],
  },
};

function writeLegacyFiles(): void {
  writeLegacyActivity();
  mkdirSync(path.join(dataDir, 'audit'), { mode: 0o755 });
  writeFileSync(path.join(dataDir, 'audit', 'last-audit.json'), JSON.stringify({ audit: LEGACY_AUDIT, staleSince: '2026-01-01T00:02:00.000Z', staleReason: 'A task was moved' }));
  writeFileSync(path.join(dataDir, 'deletion-task.sandbox.123456789012.json'), JSON.stringify(LEGACY_DELETION));
  writeFileSync(path.join(dataDir, 'deletion-task.aws.210987654321.json'), '{"version":1,"record":{"deletionTaskId":');
}

const LEGACY_SNAPSHOT: WatchSnapshot = {
  target: 'sandbox',
  accountId: '123456789012',
  takenAt: '2026-01-02T00:00:00.000Z',
  auditId: 'second',
  role: { state: 'absent' },
  regions: [{ code: 'eu-west-1', isReadable: true, content: { blockingTasks: [], data: [], taggedResources: 2 } }],
};
const LEGACY_RUN = {
  target: 'sandbox',
  accountId: '123456789012',
  ranAt: '2026-01-02T00:00:00.000Z',
  everyMs: 900000,
  source: 'cli',
  outcome: 'ok',
  changeCount: 1,
  message: 'Compared with the run at 2026-01-01T00:00:00.000Z.',
  baselineLabel: 'the run at 2026-01-01T00:00:00.000Z',
  firstRanAt: '2026-01-01T00:00:00.000Z',
};

/** The watch's own database as earlier versions wrote it, beside the dashboard's, in WAL mode and left open. */
function writeLegacyWatch(): { close: () => void } {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const legacy = openSqliteDatabase(path.join(dataDir, 'watch.sqlite'));
  legacy.exec(`
    CREATE TABLE watch_snapshots (seq INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, account_id TEXT NOT NULL, taken_at TEXT NOT NULL, body TEXT NOT NULL);
    CREATE TABLE watch_changes (key TEXT PRIMARY KEY, target TEXT NOT NULL, account_id TEXT NOT NULL, kind TEXT NOT NULL, region TEXT NOT NULL, subject TEXT NOT NULL,
      summary TEXT NOT NULL, details TEXT NOT NULL, detected_at TEXT NOT NULL, delivery TEXT NOT NULL, delivery_attempts INTEGER NOT NULL DEFAULT 0, delivered_at TEXT, delivery_error TEXT);
    CREATE TABLE watch_runs (target TEXT NOT NULL, account_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (target, account_id));
  `);
  const snapshot = legacy.prepare('INSERT INTO watch_snapshots (target, account_id, taken_at, body) VALUES (?, ?, ?, ?)');
  snapshot.run('sandbox', '123456789012', '2026-01-01T00:00:00.000Z', JSON.stringify({ ...LEGACY_SNAPSHOT, takenAt: '2026-01-01T00:00:00.000Z', auditId: 'first' }));
  snapshot.run('sandbox', '123456789012', LEGACY_SNAPSHOT.takenAt, JSON.stringify(LEGACY_SNAPSHOT));
  const change = legacy.prepare(
    `INSERT INTO watch_changes (key, target, account_id, kind, region, subject, summary, details, detected_at, delivery, delivery_attempts, delivered_at, delivery_error)
     VALUES (?, 'sandbox', '123456789012', ?, ?, ?, ?, ?, '2026-01-02T00:00:00.000Z', ?, ?, ?, ?)`,
  );
  // Seen in the same run: only the order they were recorded in tells them apart.
  change.run('task-added:t1', 'task-added', 'eu-west-1', 'arn:task:t1', 'A task relies on the role.', '{"windowId":"mw-1"}', 'sent', 1, '2026-01-02T00:00:01.000Z', null);
  change.run('role-recreated:AROA1', 'role-recreated', 'global', 'arn:role', 'The role was recreated.', '{}', 'failed', 4, null, 'HTTP 500');
  legacy.prepare('INSERT INTO watch_runs (target, account_id, body) VALUES (?, ?, ?)').run('sandbox', '123456789012', JSON.stringify(LEGACY_RUN));
  return { close: () => legacy.close() };
}

describe('the dashboard database', () => {
  it('is created 0600 in a 0700 folder, with its WAL files, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const db = open();
      createActivityStore(db).record({ target: 'sandbox', accountId: '1', callerArn: 'a', region: 'global', operation: 'Op', subject: 's', parameters: {}, result: 'succeeded', message: 'm' });
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'atlas.sqlite'))).toBe(0o600);
      expect(mode(path.join(dataDir, 'atlas.sqlite-wal'))).toBe(0o600);
      expect(getSchemaVersion(db)).toBe(SCHEMA_VERSION);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a folder and database that an earlier version left open to others', () => {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'atlas.sqlite'), '');
    chmodSync(path.join(dataDir, 'atlas.sqlite'), 0o644);
    open();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'atlas.sqlite'))).toBe(0o600);
  });

  it('imports the activity log, the last audit and the deletion records of earlier versions, losing nothing', () => {
    writeLegacyFiles();
    const corruptText = readFileSync(path.join(dataDir, 'deletion-task.aws.210987654321.json'), 'utf8');
    const db = open();

    const entries = createActivityStore(db).list();
    expect(entries.map((entry) => [entry.id, entry.time, entry.operation, entry.result, entry.requestId])).toEqual([
      ['e2', '2026-01-01T00:01:00.000Z', 'DeregisterTaskFromMaintenanceWindow', 'failed', null],
      ['e1', '2026-01-01T00:00:00.000Z', 'UpdateRole', 'succeeded', 'req-1'],
    ]);
    expect(entries[1]?.parameters).toEqual({ Description: 'x' });

    const stored = readStoredAudit(db, { target: 'sandbox', accountId: '123456789012' });
    expect(stored?.audit).toEqual(LEGACY_AUDIT);
    expect(stored).toMatchObject({ staleSince: '2026-01-01T00:02:00.000Z', staleReason: 'A task was moved' });
    expect(readStoredAudit(db, { target: 'sandbox', accountId: '999999999999' })).toBeNull();

    return Promise.all([
      expect(createDeletionStore(db, { target: 'sandbox', accountId: '123456789012' }).load()).resolves.toEqual(LEGACY_DELETION.record),
      // A damaged record is kept as it was, and reported when read, not dropped.
      expect(createDeletionStore(db, { target: 'aws', accountId: '210987654321' }).load()).rejects.toBeInstanceOf(UnreadableDeletionRecordError),
    ]).then(() => {
      expect((db.prepare("SELECT record FROM deletions WHERE target = 'aws'").get() as { record: string }).record).toBe(corruptText);
      // The old files stay on disk under a new name.
      for (const name of ['activity.sqlite', 'audit/last-audit.json', 'deletion-task.sandbox.123456789012.json', 'deletion-task.aws.210987654321.json']) {
        expect(existsSync(path.join(dataDir, name))).toBe(false);
        expect(existsSync(path.join(dataDir, `${name}.migrated`))).toBe(true);
      }
      expect(readFileSync(path.join(dataDir, 'deletion-task.aws.210987654321.json.migrated'), 'utf8')).toBe(corruptText);
    });
  });

  it('imports once: reopening changes nothing and duplicates nothing', () => {
    writeLegacyFiles();
    open().close();
    // A legacy file appearing later (an older version run again) is not imported over the database.
    writeFileSync(path.join(dataDir, 'deletion-task.sandbox.123456789012.json'), '{}');
    const db = open();
    expect(createActivityStore(db).list()).toHaveLength(2);
    expect(getSchemaVersion(db)).toBe(SCHEMA_VERSION);
    return expect(createDeletionStore(db, { target: 'sandbox', accountId: '123456789012' }).load()).resolves.toEqual(LEGACY_DELETION.record);
  });

  it('imports the watch database of earlier versions, losing nothing, and keeps it as .migrated', () => {
    // Still open: its last writes are in its WAL file, not yet in the database file.
    const legacy = writeLegacyWatch();
    expect(existsSync(path.join(dataDir, 'watch.sqlite-wal'))).toBe(true);
    const db = open();
    legacy.close();
    const store = createWatchStore(db);

    expect(store.getLastSnapshot('sandbox', '123456789012')).toEqual(LEGACY_SNAPSHOT);
    expect(store.getLastRun('sandbox', '123456789012')).toEqual(LEGACY_RUN);
    expect(store.listChanges({ target: 'sandbox', accountId: '123456789012' }).map((change) => [change.key, change.kind, change.details, change.delivery, change.deliveryAttempts, change.deliveredAt, change.deliveryError])).toEqual([
      ['role-recreated:AROA1', 'role-recreated', {}, 'failed', 4, null, 'HTTP 500'],
      ['task-added:t1', 'task-added', { windowId: 'mw-1' }, 'sent', 1, '2026-01-02T00:00:01.000Z', null],
    ]);
    // A change seen before is still known, so it is neither recorded nor posted again.
    expect(store.hasChange('task-added:t1')).toBe(true);
    expect(store.listDeliverable(5).map((change) => change.key)).toEqual(['role-recreated:AROA1']);
    // The next snapshot follows the imported ones.
    store.saveSnapshot({ ...LEGACY_SNAPSHOT, takenAt: '2026-01-03T00:00:00.000Z', auditId: 'third' });
    expect(store.getLastSnapshot('sandbox')).toMatchObject({ auditId: 'third' });

    expect(existsSync(path.join(dataDir, 'watch.sqlite'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'watch.sqlite.migrated'))).toBe(true);
    expect(mode(path.join(dataDir, 'atlas.sqlite'))).toBe(0o600);

    // Reopened, nothing is imported twice.
    db.close();
    const reopened = open();
    expect(reopened.prepare('SELECT COUNT(*) AS count FROM watch_changes').get()).toEqual({ count: 2 });
    expect(reopened.prepare('SELECT COUNT(*) AS count FROM watch_snapshots').get()).toEqual({ count: 3 });
    expect(getSchemaVersion(reopened)).toBe(SCHEMA_VERSION);
  });

  it('migrates a database of the previous version, created before the watch moved in, and its watch.sqlite', () => {
    const previous = open();
    previous.exec('DROP TABLE watch_snapshots; DROP TABLE watch_changes; DROP TABLE watch_runs; DROP TABLE org_audits; PRAGMA user_version = 2');
    previous.close();
    writeLegacyWatch().close();
    const db = open();
    expect(getSchemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(createWatchStore(db).getLastRun('sandbox')).toEqual(LEGACY_RUN);
    expect(existsSync(path.join(dataDir, 'watch.sqlite.migrated'))).toBe(true);
  });

  it('imports the organization audit and the member accounts’ audits that earlier versions kept under org/, losing nothing', () => {
    const previous = open();
    previous.exec('PRAGMA user_version = 3');
    previous.exec('DROP TABLE org_audits');
    previous.close();
    const member = '210987654303';
    const memberAudit = { ...LEGACY_AUDIT, id: 'member-audit', target: { ...LEGACY_AUDIT.target, accountId: member, callerArn: `arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas` } };
    const orgAudit = { id: 'org-audit', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', target: 'sandbox', structure: { source: 'organizations', callerAccountId: '123456789012', tree: [], accounts: [{ id: member }], warnings: [] }, accounts: [{ account: { id: member }, outcome: { kind: 'scanned' } }], verdict: { kind: 'safe' } };
    const accountsDir = path.join(dataDir, 'org', 'accounts');
    mkdirSync(accountsDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'org', 'last-org-audit.json'), JSON.stringify(orgAudit));
    writeFileSync(path.join(accountsDir, `${member}.json`), JSON.stringify(memberAudit));
    writeFileSync(path.join(accountsDir, `${member}.stale.json`), JSON.stringify({ staleSince: '2026-01-01T00:03:00.000Z', staleReason: 'Tasks were deregistered after this scan' }));
    // An account file whose audit names another account cannot be keyed: it is left where it is.
    writeFileSync(path.join(accountsDir, '210987654304.json'), JSON.stringify(memberAudit));

    const db = open();
    expect(getSchemaVersion(db)).toBe(SCHEMA_VERSION);
    const stored = readStoredAudit(db, { target: 'sandbox', accountId: member });
    expect(stored?.audit).toEqual(memberAudit);
    expect(stored).toMatchObject({ staleSince: '2026-01-01T00:03:00.000Z', staleReason: 'Tasks were deregistered after this scan' });
    const org = db.prepare("SELECT audit FROM org_audits WHERE target = 'sandbox'").get() as { audit: string };
    expect(JSON.parse(org.audit)).toEqual(orgAudit);
    for (const name of ['org/last-org-audit.json', `org/accounts/${member}.json`, `org/accounts/${member}.stale.json`]) {
      expect(existsSync(path.join(dataDir, name))).toBe(false);
      expect(existsSync(path.join(dataDir, `${name}.migrated`))).toBe(true);
    }
    expect(existsSync(path.join(accountsDir, '210987654304.json'))).toBe(true);
    expect(readStoredAudit(db, { target: 'sandbox', accountId: '210987654304' })).toBeNull();
  });

  it('treats a watch snapshot that fails validation as none, so the next run starts a new baseline', () => {
    const db = open();
    const store = createWatchStore(db);
    const snapshot: WatchSnapshot = { takenAt: '2026-01-01T00:00:00.000Z', target: 'sandbox', accountId: '123456789012', role: { state: 'absent' }, regions: [] };
    store.saveSnapshot(snapshot);
    expect(store.getLastSnapshot('sandbox', '123456789012')).toEqual(snapshot);
    db.prepare('UPDATE watch_snapshots SET body = ?').run(JSON.stringify({ ...snapshot, role: { state: 'present' } }));
    expect(store.getLastSnapshot('sandbox', '123456789012')).toBeNull();
    db.prepare('UPDATE watch_snapshots SET body = ?').run('{not json');
    expect(store.getLastSnapshot('sandbox')).toBeNull();
  });

  it('treats a stored audit that fails validation as none', () => {
    const db = open();
    db.prepare("INSERT INTO audits (target, account_id, audit, saved_at) VALUES ('sandbox', '123456789012', ?, 'now')").run(JSON.stringify({ ...LEGACY_AUDIT, regions: 'many' }));
    expect(readStoredAudit(db, { target: 'sandbox', accountId: '123456789012' })).toBeNull();
  });
});
