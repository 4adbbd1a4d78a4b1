import { DatabaseSync } from 'node:sqlite';

// The dashboard's SQLite databases, on Node's built-in driver: nothing to compile at install time. WAL with
// synchronous=NORMAL is SQLite's recommended pairing (a crash can lose the last commits, never corrupt the file);
// the busy timeout lets the dashboard and the command line share a database.

export type SqliteDatabase = DatabaseSync;

export function openSqliteDatabase(file: string): SqliteDatabase {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
  return db;
}

/** Runs `work` in one write transaction: all of it is committed, or none of it when it throws. */
export function inTransaction<T>(db: SqliteDatabase, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export interface SqlCondition {
  column: string;
  /** Left out of the clause when undefined or empty. */
  value: string | number | undefined;
  operator?: '=' | '>=';
}

/** A WHERE clause (empty when nothing is given) over the conditions that have a value, with its named parameters. */
export function buildWhere(conditions: readonly SqlCondition[]): { where: string; values: Record<string, string | number> } {
  const clauses: string[] = [];
  const values: Record<string, string | number> = {};
  conditions.forEach(({ column, value, operator = '=' }, index) => {
    if (value === undefined || value === '') return;
    clauses.push(`${column} ${operator} @where${index}`);
    values[`where${index}`] = value;
  });
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}
