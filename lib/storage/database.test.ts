import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityStore } from '@/lib/activity/store';
import { readStoredAudit } from '@/lib/audit/store';
import { createDeletionStore, UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { openSqliteDatabase } from '@/lib/sqlite';
import { getSchemaVersion, openAtlasDatabase, SCHEMA_VERSION, type AtlasDatabase } from '@/lib/storage/database';

// The dashboard's database: private files, migrations, and the import of what earlier versions kept as JSON
// files and a separate activity database. Legacy data is written here by hand, in the old formats.

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

  it('treats a stored audit that fails validation as none', () => {
    const db = open();
    db.prepare("INSERT INTO audits (target, account_id, audit, saved_at) VALUES ('sandbox', '123456789012', ?, 'now')").run(JSON.stringify({ ...LEGACY_AUDIT, regions: 'many' }));
    expect(readStoredAudit(db, { target: 'sandbox', accountId: '123456789012' })).toBeNull();
  });
});
