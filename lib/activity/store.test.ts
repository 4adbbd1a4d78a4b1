import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCsv, toJson } from '@/lib/activity/export';
import { openActivityStore, redactParameters, type ActivityStore, type NewActivityEntry } from '@/lib/activity/store';
import { openSqliteDatabase } from '@/lib/sqlite';

let dataDir: string;
let store: ActivityStore;

function entry(overrides: Partial<NewActivityEntry> = {}): NewActivityEntry {
  return {
    target: 'sandbox',
    accountId: '123456789012',
    callerArn: 'arn:aws:iam::123456789012:user/admin',
    region: 'global',
    operation: 'DeleteServiceLinkedRole',
    subject: 'AWSServiceRoleForAmazonSSM',
    parameters: { RoleName: 'AWSServiceRoleForAmazonSSM' },
    result: 'succeeded',
    message: 'Deletion task started.',
    requestId: 'req-1',
    ...overrides,
  };
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-activity-'));
  store = openActivityStore(dataDir);
});

afterEach(async () => {
  store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('activity store', () => {
  it('records entries and lists them newest first', () => {
    store.record(entry({ time: '2026-01-01T00:00:01.000Z', operation: 'UpdateMaintenanceWindowTask' }));
    store.record(entry({ time: '2026-01-01T00:00:03.000Z', operation: 'DeleteServiceLinkedRole' }));
    store.record(entry({ time: '2026-01-01T00:00:02.000Z', operation: 'DeregisterTaskFromMaintenanceWindow' }));
    expect(store.list().map((item) => item.operation)).toEqual([
      'DeleteServiceLinkedRole',
      'DeregisterTaskFromMaintenanceWindow',
      'UpdateMaintenanceWindowTask',
    ]);
  });

  it('keeps insertion order among entries of the same instant', () => {
    store.record(entry({ time: '2026-01-01T00:00:00.000Z', subject: 'first' }));
    store.record(entry({ time: '2026-01-01T00:00:00.000Z', subject: 'second' }));
    expect(store.list().map((item) => item.subject)).toEqual(['second', 'first']);
  });

  it('survives reopening the database (WAL on disk)', () => {
    const saved = store.record(entry());
    store.close();
    store = openActivityStore(dataDir);
    const [reloaded] = store.list();
    expect(reloaded).toEqual(saved);
  });

  it('filters by result, operation and region', () => {
    store.record(entry({ result: 'refused', operation: 'DeleteServiceLinkedRole', region: 'global' }));
    store.record(entry({ result: 'failed', operation: 'UpdateMaintenanceWindowTask', region: 'eu-west-1' }));
    store.record(entry({ result: 'succeeded', operation: 'UpdateMaintenanceWindowTask', region: 'us-east-1' }));
    expect(store.list({ result: 'refused' })).toHaveLength(1);
    expect(store.list({ operation: 'UpdateMaintenanceWindowTask' })).toHaveLength(2);
    expect(store.list({ operation: 'UpdateMaintenanceWindowTask', region: 'eu-west-1' })[0]?.result).toBe('failed');
    expect(store.listOperations()).toEqual(['DeleteServiceLinkedRole', 'UpdateMaintenanceWindowTask']);
  });

  it('filters by account: a member account sees only its own entries', () => {
    store.record(entry({ accountId: '123456789012', subject: 'own' }));
    store.record(entry({ accountId: '210987654321', subject: 'member' }));
    store.record(entry({ accountId: '210987654321', subject: 'member again', result: 'failed' }));
    expect(store.list({ accountId: '210987654321' }).map((found) => found.subject)).toEqual(['member again', 'member']);
    expect(store.list({ accountId: '210987654321', result: 'failed' })).toHaveLength(1);
    expect(store.list({ accountId: '111111111111' })).toEqual([]);
    expect(store.list()).toHaveLength(3);
  });

  it('never stores secrets among the parameters', () => {
    // A secret no random id can contain by chance (ids are hexadecimal).
    const secret = 'wJalrXUtnFEMI-secret-value';
    const saved = store.record(entry({ parameters: { RoleName: 'x', SecretAccessKey: secret, nested: { sessionToken: 't', keep: 1 } } }));
    expect(saved.parameters).toEqual({ RoleName: 'x', SecretAccessKey: '[redacted]', nested: { sessionToken: '[redacted]', keep: 1 } });
    expect(JSON.stringify(store.list())).not.toContain(secret);
    expect(redactParameters([{ password: 'p' }])).toEqual([{ password: '[redacted]' }]);
  });

  it('rejects an unknown result', () => {
    expect(() => store.record(entry({ result: 'maybe' as never }))).toThrow();
  });
});

describe('activity export', () => {
  it('writes CSV with quoting, formula guarding and the parameters as JSON', () => {
    const saved = store.record(entry({ message: 'Refused: "wrong name", nothing changed', subject: '=cmd()', parameters: { a: 1 } }));
    const csv = toCsv([saved]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe('time,target,accountId,callerArn,region,operation,subject,result,message,requestId,parameters');
    expect(row).toContain(`"Refused: ""wrong name"", nothing changed"`);
    expect(row).toContain(`'=cmd()`);
    expect(row).toContain(`"{""a"":1}"`);
  });

  it('writes JSON that reads back to the same entries', () => {
    const saved = store.record(entry());
    expect(JSON.parse(toJson([saved]))).toEqual({ entries: [saved] });
  });

  it('keeps observations of the watch as their own result, filterable', () => {
    store.record(entry({ time: '2026-01-01T00:00:01.000Z' }));
    store.record(entry({ time: '2026-01-01T00:00:02.000Z', operation: 'RoleRecreated', result: 'observed', message: 'The role was recreated.' }));
    expect(store.list({ result: 'observed' }).map((item) => item.operation)).toEqual(['RoleRecreated']);
    expect(store.list()).toHaveLength(2);
  });

  it('opens a log written before observations existed, keeping its entries, and accepts observations in it', () => {
    const legacyDir = path.join(dataDir, 'legacy');
    mkdirSync(legacyDir, { recursive: true });
    const legacy = openSqliteDatabase(path.join(legacyDir, 'activity.sqlite'));
    legacy.exec(`CREATE TABLE activity (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, time TEXT NOT NULL, target TEXT NOT NULL,
      account_id TEXT NOT NULL, caller_arn TEXT NOT NULL, region TEXT NOT NULL, operation TEXT NOT NULL, subject TEXT NOT NULL,
      parameters TEXT NOT NULL, result TEXT NOT NULL CHECK (result IN ('succeeded', 'failed', 'refused')), message TEXT NOT NULL, request_id TEXT)`);
    legacy
      .prepare(`INSERT INTO activity (id, time, target, account_id, caller_arn, region, operation, subject, parameters, result, message, request_id)
                VALUES ('old-1', '2026-01-01T00:00:00.000Z', 'sandbox', '123456789012', 'arn', 'global', 'DeleteServiceLinkedRole', 'role', '{}', 'failed', 'old', NULL)`)
      .run();
    legacy.close();
    const reopened = openActivityStore(legacyDir);
    try {
      reopened.record(entry({ time: '2026-01-02T00:00:00.000Z', operation: 'TaskReliesOnRole', result: 'observed' }));
      expect(reopened.list().map((item) => [item.id === 'old-1' ? 'old-1' : 'new', item.result])).toEqual([
        ['new', 'observed'],
        ['old-1', 'failed'],
      ]);
    } finally {
      reopened.close();
    }
  });
});
