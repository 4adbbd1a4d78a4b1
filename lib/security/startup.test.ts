import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { getStartupSettings } from '@/lib/config';
import { checkStartup as checkStartupWith, estimateTokenEntropyBits, getBoundAddresses, getExposedAddresses, getHostnameArgument, isLoopbackAddress, isNextServerCommand, type ListenFacts } from './startup';

// A token as `openssl rand -hex 32` makes one.
const strongToken = '3f9c1a7be2d84f60a5c9e1b7d2f4a8c06b3e9d1f7a2c5e8b4d0f6a1c9e3b7d25';
/** The check as start-up runs it: the settings read from an environment. */
const checkStartup = (listenFacts: ListenFacts, env: Record<string, string | undefined>) => checkStartupWith(listenFacts, getStartupSettings(env));
const facts = (overrides: Partial<ListenFacts>): ListenFacts => ({ boundAddresses: [], requestedHost: undefined, isNextServer: true, ...overrides });

describe('isLoopbackAddress', () => {
  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
  });
  it('treats everything else as reachable from other machines', () => {
    for (const address of ['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:10.0.0.1', '128.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});

describe('command line', () => {
  it('reads -H and --hostname in every spelling', () => {
    expect(getHostnameArgument(['node', 'next', 'start', '-H', '0.0.0.0', '-p', '3000'])).toBe('0.0.0.0');
    expect(getHostnameArgument(['node', 'next', 'start', '--hostname', '::'])).toBe('::');
    expect(getHostnameArgument(['node', 'next', 'start', '--hostname=127.0.0.1'])).toBe('127.0.0.1');
    expect(getHostnameArgument(['node', 'next', 'start', '-H10.0.0.5'])).toBe('10.0.0.5');
    expect(getHostnameArgument(['node', 'next', 'start', '-p', '3000'])).toBeUndefined();
  });
  it('recognises next start and next dev', () => {
    expect(isNextServerCommand(['/usr/bin/node', '/app/node_modules/.bin/next', 'start', '-p', '3000'])).toBe(true);
    expect(isNextServerCommand(['/usr/bin/node', '/app/node_modules/next/dist/bin/next', 'dev'])).toBe(true);
    expect(isNextServerCommand(['/usr/bin/node', '/app/node_modules/vitest/vitest.mjs', 'run'])).toBe(false);
  });
});

describe('checkStartup', () => {
  it('refuses 0.0.0.0 without a token, saying why and how to fix it', () => {
    const result = checkStartup(facts({ requestedHost: '0.0.0.0' }), {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('Refusing to start');
      expect(result.message).toContain('0.0.0.0');
      expect(result.message).toContain('ATLAS_ACCESS_TOKEN is not set');
      expect(result.message).toContain('-H 127.0.0.1');
    }
  });

  it('refuses `next start` without -H (it binds every interface) and without a token', () => {
    expect(checkStartup(facts({}), {}).ok).toBe(false);
  });

  it('refuses a server actually bound to :: even when the command line said nothing', () => {
    expect(checkStartup(facts({ boundAddresses: ['::'], isNextServer: false }), {}).ok).toBe(false);
  });

  it('refuses -H with a LAN address, or HOST set to one, without a token', () => {
    expect(checkStartup(facts({ requestedHost: '192.168.1.20' }), {}).ok).toBe(false);
    // HOST says the deployment means to serve beyond this machine, even when the command line binds loopback.
    const byHost = checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'], configuredHost: '0.0.0.0' }), {});
    expect(byHost.ok).toBe(false);
    expect(checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'], configuredHost: 'localhost' }), {}).ok).toBe(true);
  });

  it('refuses a token shorter than 32 characters, on any address', () => {
    const exposed = checkStartup(facts({ requestedHost: '0.0.0.0' }), { ATLAS_ACCESS_TOKEN: 'x'.repeat(31) });
    expect(exposed.ok).toBe(false);
    if (!exposed.ok) expect(exposed.message).toContain('31 characters long; it must be at least 32');
    expect(checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'] }), { ATLAS_ACCESS_TOKEN: 'short' }).ok).toBe(false);
  });

  it('refuses a long token with too few different characters, and says how to make a good one', () => {
    for (const weak of ['a'.repeat(32), 'ab'.repeat(32), 'password'.repeat(5)]) {
      const result = checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'] }), { ATLAS_ACCESS_TOKEN: weak });
      expect(result, weak).toEqual({ ok: false, message: expect.stringContaining('openssl rand -hex 32') });
    }
    expect(estimateTokenEntropyBits('a'.repeat(32))).toBe(0);
    expect(estimateTokenEntropyBits(strongToken)).toBeGreaterThan(200);
  });

  it('requires ATLAS_ALLOWED_HOSTS when HOST is not loopback', () => {
    const serving = facts({ requestedHost: '0.0.0.0', boundAddresses: ['0.0.0.0'], configuredHost: '0.0.0.0' });
    const refused = checkStartup(serving, { ATLAS_ACCESS_TOKEN: strongToken });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('ATLAS_ALLOWED_HOSTS is not set') });
    expect(checkStartup(serving, { ATLAS_ACCESS_TOKEN: strongToken, ATLAS_ALLOWED_HOSTS: 'atlas.example.com' }).ok).toBe(true);
    expect(checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'], configuredHost: '127.0.0.1' }), {}).ok).toBe(true);
  });

  it('starts on 0.0.0.0 with a strong token, with a notice', () => {
    const result = checkStartup(facts({ requestedHost: '0.0.0.0', boundAddresses: ['0.0.0.0'] }), { ATLAS_ACCESS_TOKEN: strongToken });
    expect(result).toEqual({ ok: true, warning: expect.stringContaining('access control is on') });
  });

  it('starts on loopback without a token', () => {
    expect(checkStartup(facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'] }), {})).toEqual({ ok: true });
    expect(checkStartup(facts({ requestedHost: '::1', boundAddresses: ['::1'] }), {})).toEqual({ ok: true });
  });

  it('lists every exposed address once', () => {
    expect(getExposedAddresses(facts({ requestedHost: '0.0.0.0', boundAddresses: ['0.0.0.0', '127.0.0.1'] }))).toEqual(['0.0.0.0']);
  });
});

describe('getBoundAddresses', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('finds the address of a listening HTTP server of this process', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    expect(getBoundAddresses()).toContain('127.0.0.1');
  });
});

describe('start-up settings', () => {
  const exposed = facts({ requestedHost: '0.0.0.0', boundAddresses: ['0.0.0.0'] });

  it('still refuses when other settings are invalid: the refusal reads only its own', () => {
    const broken = { ATLAS_REQUEST_TIMEOUT_MS: 'soon', ATLAS_TARGET: 'mainframe', ATLAS_WEBHOOK_URL: 'ftp://x' };
    expect(checkStartup(exposed, broken)).toEqual({ ok: false, message: expect.stringContaining('ATLAS_ACCESS_TOKEN is not set') });
    expect(checkStartup(exposed, { ...broken, ATLAS_ACCESS_TOKEN: 'a'.repeat(40) })).toEqual({ ok: false, message: expect.stringContaining('too easy to guess') });
    expect(checkStartup(exposed, { ...broken, ATLAS_ACCESS_TOKEN: strongToken }).ok).toBe(true);
  });

  it('reads HOST, an empty HOST or token counting as unset', () => {
    expect(getStartupSettings({ HOST: '', ATLAS_ACCESS_TOKEN: '' })).toMatchObject({ host: undefined, token: undefined });
    expect(getStartupSettings({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const loopbackBinding = facts({ requestedHost: '127.0.0.1', boundAddresses: ['127.0.0.1'], configuredHost: getStartupSettings({ HOST: '10.0.0.5' }).host });
    expect(checkStartup(loopbackBinding, { HOST: '10.0.0.5' })).toEqual({ ok: false, message: expect.stringContaining('would listen on 10.0.0.5') });
  });

  it('refuses a non-loopback HOST with an invalid ATLAS_ALLOWED_HOSTS, saying what is wrong with it', () => {
    const serving = facts({ requestedHost: '0.0.0.0', boundAddresses: ['0.0.0.0'], configuredHost: '0.0.0.0' });
    const result = checkStartup(serving, { HOST: '0.0.0.0', ATLAS_ACCESS_TOKEN: strongToken, ATLAS_ALLOWED_HOSTS: 'atlas.example.com,not a name' });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('ATLAS_ALLOWED_HOSTS must list host names') });
    expect(checkStartup(serving, { HOST: '0.0.0.0', ATLAS_ACCESS_TOKEN: strongToken, ATLAS_ALLOWED_HOSTS: ' , ' })).toEqual({
      ok: false,
      message: expect.stringContaining('ATLAS_ALLOWED_HOSTS is not set'),
    });
  });
});
