import 'server-only';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { inTransaction, openSqliteDatabase, type SqliteDatabase } from '@/lib/sqlite';
import { ensurePrivateDirectory, ensurePrivateFile } from '@/lib/storage/private-files';

// The dashboard's own database: one SQLite file under ATLAS_DATA_DIR holding the activity log, the last audit of
// each account, the last organization audit, the deletion being tracked in each account and the watch's memory.
// Its schema moves forward by numbered migrations; the JSON files and the separate activity and watch databases
// of earlier versions are imported by them, then renamed with a `.migrated` suffix, never deleted.

export type AtlasDatabase = SqliteDatabase;

export const DATABASE_FILE = 'atlas.sqlite';
export const MIGRATED_SUFFIX = '.migrated';

interface Migration {
  version: number;
  /** Runs inside the migration's transaction; returns work for after the commit (renaming imported files). */
  up(db: AtlasDatabase, dataDir: string): (() => void) | void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up(db) {
      db.exec(`
        CREATE TABLE activity (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          time TEXT NOT NULL,
          target TEXT NOT NULL,
          account_id TEXT NOT NULL,
          caller_arn TEXT NOT NULL,
          region TEXT NOT NULL,
          operation TEXT NOT NULL,
          subject TEXT NOT NULL,
          parameters TEXT NOT NULL,
          result TEXT NOT NULL CHECK (result IN ('succeeded', 'failed', 'refused', 'observed')),
          message TEXT NOT NULL,
          request_id TEXT
        );
        CREATE INDEX activity_time ON activity (time);
        -- The last finished audit of each account; its JSON is validated when read.
        CREATE TABLE audits (
          target TEXT NOT NULL,
          account_id TEXT NOT NULL,
          audit TEXT NOT NULL,
          stale_since TEXT,
          stale_reason TEXT,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (target, account_id)
        );
        -- The deletion being tracked in each account; its JSON is validated when read.
        CREATE TABLE deletions (
          target TEXT NOT NULL,
          account_id TEXT NOT NULL,
          record TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (target, account_id)
        );
      `);
    },
  },
  { version: 2, up: importLegacyFiles },
  { version: 3, up: createWatchTables },
  { version: 4, up: importOrganizationAudits },
];

/** Legacy deletion files were named `deletion-task.<target>.<account>.json`. */
const LEGACY_DELETION_FILE = /^deletion-task\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.json$/;

/**
 * Imports what earlier versions kept beside the database: `activity.sqlite`, `audit/last-audit.json` and the
 * `deletion-task.*.json` files. Texts are copied as they are, so a damaged one is kept (and reported when read)
 * rather than lost.
 */
function importLegacyFiles(db: AtlasDatabase, dataDir: string): () => void {
  const imported: string[] = [];
  const now = new Date().toISOString();

  const activityFile = path.join(/*turbopackIgnore: true*/ dataDir, 'activity.sqlite');
  if (existsSync(activityFile)) {
    const legacy = openSqliteDatabase(activityFile);
    try {
      const rows = legacy.prepare('SELECT id, time, target, account_id, caller_arn, region, operation, subject, parameters, result, message, request_id FROM activity ORDER BY seq').all();
      const insert = db.prepare(
        `INSERT OR IGNORE INTO activity (id, time, target, account_id, caller_arn, region, operation, subject, parameters, result, message, request_id)
         VALUES (@id, @time, @target, @account_id, @caller_arn, @region, @operation, @subject, @parameters, @result, @message, @request_id)`,
      );
      for (const row of rows) insert.run(row as Record<string, string | null>);
    } finally {
      legacy.close();
    }
    imported.push(activityFile, `${activityFile}-wal`, `${activityFile}-shm`);
  }

  const auditFile = path.join(/*turbopackIgnore: true*/ dataDir, 'audit', 'last-audit.json');
  if (existsSync(auditFile)) {
    const text = readFileSync(auditFile, 'utf8');
    const key = readLegacyAuditKey(text);
    if (key) {
      db.prepare('INSERT OR REPLACE INTO audits (target, account_id, audit, stale_since, stale_reason, saved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        key.target,
        key.accountId,
        key.audit,
        key.staleSince,
        key.staleReason,
        now,
      );
      imported.push(auditFile);
    } else {
      // Without an account it cannot be keyed; the file stays where it is, untouched.
      console.warn(`[atlas] ${auditFile} could not be read and was left in place`);
    }
  }

  for (const name of readdirSync(dataDir)) {
    const [, target, accountId] = LEGACY_DELETION_FILE.exec(name) ?? [];
    if (!target || !accountId) continue;
    const file = path.join(/*turbopackIgnore: true*/ dataDir, name);
    db.prepare('INSERT OR REPLACE INTO deletions (target, account_id, record, updated_at) VALUES (?, ?, ?, ?)').run(target, accountId, readFileSync(file, 'utf8'), now);
    imported.push(file);
  }

  return renameImported(imported);
}

/** Work for after the import's commit: each imported file that exists is kept under a `.migrated` name. */
function renameImported(files: readonly string[]): () => void {
  return () => {
    for (const file of files) if (existsSync(file)) renameSync(file, `${file}${MIGRATED_SUFFIX}`);
  };
}

/** The watch's tables, filled from the `watch.sqlite` that earlier versions kept beside the database, if any. */
function createWatchTables(db: AtlasDatabase, dataDir: string): (() => void) | void {
  db.exec(`
    -- The audits the watch compares with, the last few of each account.
    CREATE TABLE watch_snapshots (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      target TEXT NOT NULL,
      account_id TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX watch_snapshots_account ON watch_snapshots (target, account_id, seq);
    -- Every change the watch has seen, once by its key, with its webhook delivery.
    CREATE TABLE watch_changes (
      key TEXT PRIMARY KEY,
      target TEXT NOT NULL,
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      region TEXT NOT NULL,
      subject TEXT NOT NULL,
      summary TEXT NOT NULL,
      details TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      delivery TEXT NOT NULL,
      delivery_attempts INTEGER NOT NULL DEFAULT 0,
      delivered_at TEXT,
      delivery_error TEXT
    );
    CREATE INDEX watch_changes_time ON watch_changes (target, account_id, detected_at);
    -- The watch's last run in each account; its JSON is validated when read.
    CREATE TABLE watch_runs (
      target TEXT NOT NULL,
      account_id TEXT NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (target, account_id)
    );
  `);

  const watchFile = path.join(/*turbopackIgnore: true*/ dataDir, 'watch.sqlite');
  if (!existsSync(watchFile)) return;
  const legacy = openSqliteDatabase(watchFile);
  try {
    const tables = new Set(legacy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => String((row as { name: unknown }).name)));
    const copy = (table: string, columns: readonly string[], order: string) => {
      if (!tables.has(table)) return;
      const list = columns.join(', ');
      const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
      for (const row of legacy.prepare(`SELECT ${list} FROM ${table} ORDER BY ${order}`).all()) insert.run(row as Record<string, string | number | null>);
    };
    copy('watch_snapshots', ['seq', 'target', 'account_id', 'taken_at', 'body'], 'seq');
    // In the order they were recorded, which breaks ties between changes seen at the same time.
    copy('watch_changes', ['key', 'target', 'account_id', 'kind', 'region', 'subject', 'summary', 'details', 'detected_at', 'delivery', 'delivery_attempts', 'delivered_at', 'delivery_error'], 'rowid');
    copy('watch_runs', ['target', 'account_id', 'body'], 'rowid');
  } finally {
    legacy.close();
  }
  return renameImported([watchFile, `${watchFile}-wal`, `${watchFile}-shm`]);
}

/** A member account's audit file of earlier versions: `org/accounts/<account id>.json`. */
const LEGACY_ACCOUNT_AUDIT_FILE = /^(\d{12})\.json$/;

/**
 * The organization audit's table, filled from the files earlier versions kept under `org/`: the last organization
 * audit (`last-org-audit.json`) and each member account's audit (`accounts/<id>.json`, with the change that made it
 * stale in `<id>.stale.json`), which join the audits table. An account whose audit is already there keeps it.
 */
function importOrganizationAudits(db: AtlasDatabase, dataDir: string): () => void {
  db.exec(`
    -- The last finished organization audit of each target; its JSON is validated when read.
    CREATE TABLE org_audits (
      target TEXT PRIMARY KEY,
      audit TEXT NOT NULL,
      saved_at TEXT NOT NULL
    );
  `);
  const imported: string[] = [];
  const now = new Date().toISOString();
  const orgDir = path.join(/*turbopackIgnore: true*/ dataDir, 'org');

  const orgAuditFile = path.join(orgDir, 'last-org-audit.json');
  if (existsSync(orgAuditFile)) {
    const text = readFileSync(orgAuditFile, 'utf8');
    const target = parseJsonObject(text)?.target;
    if (typeof target === 'string') {
      db.prepare('INSERT OR REPLACE INTO org_audits (target, audit, saved_at) VALUES (?, ?, ?)').run(target, text, now);
      imported.push(orgAuditFile);
    } else {
      console.warn(`[atlas] ${orgAuditFile} could not be read and was left in place`);
    }
  }

  const accountsDir = path.join(orgDir, 'accounts');
  for (const name of existsSync(accountsDir) ? readdirSync(accountsDir) : []) {
    const [, accountId] = LEGACY_ACCOUNT_AUDIT_FILE.exec(name) ?? [];
    if (!accountId) continue;
    const file = path.join(accountsDir, name);
    const text = readFileSync(file, 'utf8');
    const { target, accountId: auditedAccountId } = (parseJsonObject(text)?.target ?? {}) as { target?: unknown; accountId?: unknown };
    if (typeof target !== 'string' || auditedAccountId !== accountId) {
      console.warn(`[atlas] ${file} could not be read and was left in place`);
      continue;
    }
    const staleFile = path.join(accountsDir, `${accountId}.stale.json`);
    const stale = existsSync(staleFile) ? parseJsonObject(readFileSync(staleFile, 'utf8')) : null;
    const [staleSince, staleReason] = [stale?.staleSince, stale?.staleReason];
    const isStale = typeof staleSince === 'string' && typeof staleReason === 'string';
    db.prepare('INSERT OR IGNORE INTO audits (target, account_id, audit, stale_since, stale_reason, saved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      target,
      accountId,
      text,
      isStale ? staleSince : null,
      isStale ? staleReason : null,
      now,
    );
    imported.push(file, staleFile);
  }
  return renameImported(imported);
}

/** The object a JSON text holds, or null when it is not JSON or not an object. */
function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function readLegacyAuditKey(text: string): { target: string; accountId: string; audit: string; staleSince: string | null; staleReason: string | null } | null {
  const stored = parseJsonObject(text) as { audit?: { target?: { target?: unknown; accountId?: unknown } }; staleSince?: unknown; staleReason?: unknown } | null;
  const target = stored?.audit?.target?.target;
  const accountId = stored?.audit?.target?.accountId;
  if (!stored || typeof target !== 'string' || typeof accountId !== 'string') return null;
  return {
    target,
    accountId,
    audit: JSON.stringify(stored.audit),
    staleSince: typeof stored.staleSince === 'string' ? stored.staleSince : null,
    staleReason: typeof stored.staleReason === 'string' ? stored.staleReason : null,
  };
}

function migrate(db: AtlasDatabase, dataDir: string): void {
  for (const migration of MIGRATIONS) {
    // IMMEDIATE: a second process opening the same folder waits, then finds the migration done.
    const afterCommit = inTransaction(db, (): (() => void) | undefined => {
      if (migration.version <= getSchemaVersion(db)) return undefined;
      const work = migration.up(db, dataDir);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      return work ?? undefined;
    });
    afterCommit?.();
  }
}

/** The schema version a database is at (SQLite's user_version). */
export function getSchemaVersion(db: AtlasDatabase): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: unknown } | undefined;
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}

/** The latest schema version; a database at it needs no migration. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Opens (creating it private, 0600 in a 0700 folder) and migrates the database in `dataDir`. */
export function openAtlasDatabase(dataDir: string): AtlasDatabase {
  ensurePrivateDirectory(dataDir);
  // The data folder is chosen at run time; nothing under it belongs in the build's file trace.
  const file = path.join(/*turbopackIgnore: true*/ dataDir, DATABASE_FILE);
  // SQLite gives its -wal and -shm files the database file's permissions.
  ensurePrivateFile(file);
  const db = openSqliteDatabase(file);
  migrate(db, dataDir);
  return db;
}
