import { expect, test } from '@playwright/test';
import { extraPorts, spawnServer, stopProcess, TEST_ACCESS_TOKEN } from './trust-support';

// The dashboard refuses to listen beyond loopback without access control, and says why.

async function expectRefusal(options: Parameters<typeof spawnServer>[0], expected: RegExp): Promise<void> {
  const server = spawnServer(options);
  const code = await Promise.race([server.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 60_000))]);
  if (code === 'running') await stopProcess(server.process, server.exited);
  expect(code, server.output()).not.toBe('running');
  expect(code).not.toBe(0);
  expect(server.output()).toMatch(expected);
  // It never answered a request.
  await expect(fetch(`http://127.0.0.1:${options.port}/api/health`)).rejects.toThrow();
}

test.describe('start-up refusal', () => {
  test.setTimeout(120_000);

  test('next start -H 0.0.0.0 without ATLAS_ACCESS_TOKEN exits non-zero, saying why and how to fix it', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-open', host: '0.0.0.0' },
      /Refusing to start: the dashboard would listen on 0\.0\.0\.0, which other machines can reach, and ATLAS_ACCESS_TOKEN is not set/,
    );
  });

  test('next start -H 0.0.0.0 with a token shorter than 32 characters exits non-zero', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-short', host: '0.0.0.0', env: { ATLAS_ACCESS_TOKEN: 'too-short-token' } },
      /ATLAS_ACCESS_TOKEN is 15 characters long; it must be at least 32/,
    );
  });

  test('a long token with too few different characters is refused, with the way to make a good one', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-weak', host: '127.0.0.1', env: { ATLAS_ACCESS_TOKEN: 'a'.repeat(32) } },
      /ATLAS_ACCESS_TOKEN is too easy to guess.*openssl rand -hex 32/,
    );
  });

  test('HOST that is not loopback needs ATLAS_ALLOWED_HOSTS, even with a strong token', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-names', host: '127.0.0.1', env: { HOST: '0.0.0.0', ATLAS_ACCESS_TOKEN: TEST_ACCESS_TOKEN } },
      /HOST is 0\.0\.0\.0, which is not loopback, and ATLAS_ALLOWED_HOSTS is not set/,
    );
  });

  test('HOST naming another address is refused without a token, even while the command line binds loopback', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-host', host: '127.0.0.1', env: { HOST: '0.0.0.0' } },
      /Refusing to start: the dashboard would listen on 0\.0\.0\.0/,
    );
  });

  test('the refusal still runs when other settings are invalid', async () => {
    await expectRefusal(
      { ...extraPorts(2), name: 'refuse-broken', host: '0.0.0.0', env: { ATLAS_REQUEST_TIMEOUT_MS: 'soon', ATLAS_TARGET: 'mainframe' } },
      /Refusing to start: the dashboard would listen on 0\.0\.0\.0, which other machines can reach, and ATLAS_ACCESS_TOKEN is not set/,
    );
  });

  test('loopback with a strong token starts, with access control on', async () => {
    const server = spawnServer({ ...extraPorts(2), name: 'start-token', env: { ATLAS_ACCESS_TOKEN: TEST_ACCESS_TOKEN } });
    try {
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${extraPorts(2).port}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
      const page = await fetch(`http://127.0.0.1:${extraPorts(2).port}/role`, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(server.output()).not.toContain('Refusing to start');
    } finally {
      await stopProcess(server.process, server.exited);
    }
  });
});
