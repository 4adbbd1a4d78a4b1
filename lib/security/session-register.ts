import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { getAccessSettings, getSettings } from '@/lib/config';
import { getProcessValue } from '@/lib/process-state';
import { openSqliteDatabase, type SqliteDatabase } from '@/lib/sqlite';
import { createSessionValue, getSessionNonce, verifySessionValue } from '@/lib/security/session';

// The server's own record of the sessions it issued. A signed cookie alone would stay valid until it expires;
// with this register, signing out ends every session at once, and a session unused for the idle timeout ends.

const LAST_SEEN_GRANULARITY_MS = 30_000;

export interface SessionRegister {
  /** Issues a session for a visitor who typed the token, and returns its cookie value. */
  create(accessToken: string, nowMs?: number): string;
  /** True when the value is signed with the token, unexpired, registered, and used within the idle timeout. */
  isActive(value: string | undefined, accessToken: string, idleMs: number, nowMs?: number): boolean;
  /** Ends every session (sign-out signs everybody out: a stolen cookie stops working too). */
  endAll(): void;
  close(): void;
}

export function openSessionRegister(dataDir: string): SessionRegister {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db: SqliteDatabase = openSqliteDatabase(path.join(/*turbopackIgnore: true*/ dataDir, 'sessions.sqlite'));
  db.exec('CREATE TABLE IF NOT EXISTS sessions (nonce TEXT PRIMARY KEY, issued_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO sessions (nonce, issued_at, last_seen_at) VALUES (?, ?, ?)');
  const find = db.prepare('SELECT last_seen_at FROM sessions WHERE nonce = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE nonce = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE nonce = ?');
  const removeIdle = db.prepare('DELETE FROM sessions WHERE last_seen_at < ?');
  return {
    create(accessToken, nowMs = Date.now()) {
      const value = createSessionValue(accessToken, nowMs);
      insert.run(getSessionNonce(value), nowMs, nowMs);
      return value;
    },
    isActive(value, accessToken, idleMs, nowMs = Date.now()) {
      if (!verifySessionValue(value, accessToken, nowMs)) return false;
      const nonce = getSessionNonce(value!);
      const row = find.get(nonce) as { last_seen_at: number } | undefined;
      if (!row) return false;
      if (nowMs - row.last_seen_at > idleMs) {
        remove.run(nonce);
        return false;
      }
      if (nowMs - row.last_seen_at > LAST_SEEN_GRANULARITY_MS) {
        touch.run(nowMs, nonce);
        removeIdle.run(nowMs - idleMs);
      }
      return true;
    },
    endAll() {
      db.exec('DELETE FROM sessions');
    },
    close() {
      db.close();
    },
  };
}

function getRegister(): SessionRegister {
  return getProcessValue('session-register', () => openSessionRegister(getSettings().ATLAS_DATA_DIR));
}

export function createSession(accessToken: string): string {
  return getRegister().create(accessToken);
}

export function isSessionActive(value: string | undefined, accessToken: string): boolean {
  return getRegister().isActive(value, accessToken, getAccessSettings().sessionIdleMs);
}

export function endAllSessions(): void {
  getRegister().endAll();
}
