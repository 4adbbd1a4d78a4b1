import { describe, expect, it } from 'vitest';
import { getAccessSettings, parseSettings } from '@/lib/config';
import { decideAccess, isSameOriginRequest, READ_ONLY_MESSAGE, SIGN_IN_REQUIRED_MESSAGE } from './decision';

describe('decideAccess', () => {
  const cases = [
    // access control, session, read-only, mutates → outcome
    { isAccessControlOn: false, hasValidSession: false, isReadOnly: false, mutates: false, expected: 'ok' },
    { isAccessControlOn: false, hasValidSession: false, isReadOnly: false, mutates: true, expected: 'ok' },
    { isAccessControlOn: false, hasValidSession: false, isReadOnly: true, mutates: false, expected: 'ok' },
    { isAccessControlOn: false, hasValidSession: false, isReadOnly: true, mutates: true, expected: 'read-only' },
    { isAccessControlOn: true, hasValidSession: false, isReadOnly: false, mutates: false, expected: 'no-session' },
    { isAccessControlOn: true, hasValidSession: false, isReadOnly: false, mutates: true, expected: 'no-session' },
    { isAccessControlOn: true, hasValidSession: false, isReadOnly: true, mutates: true, expected: 'no-session' },
    { isAccessControlOn: true, hasValidSession: true, isReadOnly: false, mutates: false, expected: 'ok' },
    { isAccessControlOn: true, hasValidSession: true, isReadOnly: false, mutates: true, expected: 'ok' },
    { isAccessControlOn: true, hasValidSession: true, isReadOnly: true, mutates: false, expected: 'ok' },
    { isAccessControlOn: true, hasValidSession: true, isReadOnly: true, mutates: true, expected: 'read-only' },
  ] as const;

  for (const { expected, ...facts } of cases) {
    it(`access ${facts.isAccessControlOn ? 'on' : 'off'}, session ${facts.hasValidSession}, read-only ${facts.isReadOnly}, mutates ${facts.mutates} → ${expected}`, () => {
      const decision = decideAccess(facts);
      if (expected === 'ok') expect(decision).toEqual({ ok: true });
      else {
        expect(decision.ok).toBe(false);
        if (!decision.ok) {
          expect(decision.reason).toBe(expected);
          expect(decision.message).toBe(expected === 'read-only' ? READ_ONLY_MESSAGE : SIGN_IN_REQUIRED_MESSAGE);
        }
      }
    });
  }
});

describe('getAccessSettings', () => {
  it('turns access control on whenever a token is set, and reads read-only mode', () => {
    expect(getAccessSettings({})).toEqual({ token: undefined, isAccessControlOn: false, isReadOnly: false, allowedHosts: [], sessionIdleMs: 3_600_000 });
    expect(getAccessSettings({ ATLAS_ACCESS_TOKEN: '' }).isAccessControlOn).toBe(false);
    expect(getAccessSettings({ ATLAS_ACCESS_TOKEN: 'short' }).isAccessControlOn).toBe(true);
    expect(getAccessSettings({ ATLAS_READ_ONLY: '1' }).isReadOnly).toBe(true);
    expect(getAccessSettings({ ATLAS_READ_ONLY: 'true' }).isReadOnly).toBe(true);
    expect(getAccessSettings({ ATLAS_READ_ONLY: '0' }).isReadOnly).toBe(false);
    expect(getAccessSettings({ ATLAS_READ_ONLY: 'false' }).isReadOnly).toBe(false);
    expect(getAccessSettings({ ATLAS_READ_ONLY: '' }).isReadOnly).toBe(false);
    // A value that is neither on nor off is taken as on: a misspelt switch never allows changes.
    expect(getAccessSettings({ ATLAS_READ_ONLY: 'yes' }).isReadOnly).toBe(true);
    expect(getAccessSettings({ ATLAS_READ_ONLY: ' TRUE ' }).isReadOnly).toBe(true);
  });

  it('is the same rule as the settings module (one parser): an unrecognised read-only value is on there too', () => {
    expect(parseSettings({ ATLAS_READ_ONLY: 'yes' }).ATLAS_READ_ONLY).toBe(true);
    expect(parseSettings({ ATLAS_READ_ONLY: 'off' }).ATLAS_READ_ONLY).toBe(true);
    expect(parseSettings({ ATLAS_READ_ONLY: '0' }).ATLAS_READ_ONLY).toBe(false);
  });

  it('reads the allowed hosts, and fails closed (read-only, no extra host) on an invalid setting', () => {
    expect(getAccessSettings({ ATLAS_ALLOWED_HOSTS: ' Atlas.Example.com , atlas.internal:8443,' }).allowedHosts).toEqual(['atlas.example.com', 'atlas.internal:8443']);
    expect(getAccessSettings({ ATLAS_ALLOWED_HOSTS: 'evil.example/x' })).toMatchObject({ isReadOnly: true, allowedHosts: [] });
    expect(() => parseSettings({ ATLAS_ALLOWED_HOSTS: 'evil.example/x' })).toThrow(/ATLAS_ALLOWED_HOSTS/);
  });
});

describe('isSameOriginRequest', () => {
  const host = '127.0.0.1:3000';

  it('accepts the dashboard’s own pages', () => {
    expect(isSameOriginRequest({ origin: 'http://127.0.0.1:3000', secFetchSite: 'same-origin', host })).toBe(true);
    expect(isSameOriginRequest({ origin: null, secFetchSite: 'same-origin', host })).toBe(true);
    expect(isSameOriginRequest({ origin: null, secFetchSite: 'none', host })).toBe(true);
  });

  it('refuses another site, even one on the same machine', () => {
    expect(isSameOriginRequest({ origin: 'http://evil.example', secFetchSite: 'cross-site', host })).toBe(false);
    expect(isSameOriginRequest({ origin: 'http://127.0.0.1:3001', secFetchSite: 'same-site', host })).toBe(false);
    expect(isSameOriginRequest({ origin: 'http://evil.example', secFetchSite: null, host })).toBe(false);
    expect(isSameOriginRequest({ origin: 'null', secFetchSite: null, host })).toBe(false);
    expect(isSameOriginRequest({ origin: 'http://evil.example', secFetchSite: 'same-origin', host })).toBe(false);
  });

  it('lets a client that is not a browser through (no ambient cookies to abuse)', () => {
    expect(isSameOriginRequest({ origin: null, secFetchSite: null, host })).toBe(true);
  });
});
