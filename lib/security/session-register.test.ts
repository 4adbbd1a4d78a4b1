import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionValue } from './session';
import { openSessionRegister, type SessionRegister } from './session-register';

const TOKEN = '3f9c1a7be2d84f60a5c9e1b7d2f4a8c06b3e9d1f7a2c5e8b4d0f6a1c9e3b7d25';
const IDLE_MS = 30 * 60_000;
let register: SessionRegister | undefined;

function open(): SessionRegister {
  register = openSessionRegister(mkdtempSync(path.join(tmpdir(), 'atlas-sessions-')));
  return register;
}

afterEach(() => register?.close());

describe('the session register', () => {
  it('knows the sessions it issued, and no other cookie, however well signed', () => {
    const sessions = open();
    const now = Date.now();
    const issued = sessions.create(TOKEN, now);
    expect(sessions.isActive(issued, TOKEN, IDLE_MS, now + 1_000)).toBe(true);
    expect(sessions.isActive(createSessionValue(TOKEN, now), TOKEN, IDLE_MS, now + 1_000)).toBe(false);
    expect(sessions.isActive(issued, 'another-token-of-the-same-strength-0123456789abcdef', IDLE_MS, now + 1_000)).toBe(false);
  });

  it('ends every session at once (sign-out signs everybody out, a stolen cookie included)', () => {
    const sessions = open();
    const now = Date.now();
    const mine = sessions.create(TOKEN, now);
    const stolen = sessions.create(TOKEN, now);
    sessions.endAll();
    expect(sessions.isActive(mine, TOKEN, IDLE_MS, now + 1_000)).toBe(false);
    expect(sessions.isActive(stolen, TOKEN, IDLE_MS, now + 1_000)).toBe(false);
  });

  it('ends a session left unused for the idle timeout; use keeps it alive', () => {
    const sessions = open();
    const start = Date.now();
    const used = sessions.create(TOKEN, start);
    const idle = sessions.create(TOKEN, start);
    // Used every 20 minutes for an hour: still active. The other one, untouched for 30 minutes and a second: gone.
    for (let minutes = 20; minutes <= 60; minutes += 20) expect(sessions.isActive(used, TOKEN, IDLE_MS, start + minutes * 60_000)).toBe(true);
    expect(sessions.isActive(idle, TOKEN, IDLE_MS, start + IDLE_MS + 1_000)).toBe(false);
    // And it does not come back.
    expect(sessions.isActive(idle, TOKEN, IDLE_MS, start + IDLE_MS + 2_000)).toBe(false);
  });
});
