import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST_DIR, listFiles, TEST_ACCESS_TOKEN } from './trust-support';

// Nothing secret reaches the browser: no file the build serves from <distDir>/static contains an AWS access key
// id, the sandbox's secret, or the value of any secret-looking server environment variable.

const AWS_ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
// Known values the servers of this test run hold: the sandbox's fixed credentials (lib/config.ts), the AWS target's
// rejected test credentials (playwright.config.ts) and the access token of the access-control suites.
const KNOWN_SECRETS = ['sandbox-secret-not-a-real-key', 'AKIASANDBOXATLAS0001', 'invalid-secret-for-tests', 'INVALIDKEYFORTESTS01', TEST_ACCESS_TOKEN];
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PRIVATE|CREDENTIAL|ACCESS_KEY)/i;

function secretEnvironmentValues(): Array<[string, string]> {
  return Object.entries(process.env).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length >= 12 && SECRET_NAME.test(entry[0]),
  );
}

test.describe('client bundle', () => {
  const staticDir = path.join(DIST_DIR, 'static');
  const files = listFiles(staticDir);

  test('the build has client files to check', () => {
    expect(files.filter((file) => file.endsWith('.js')).length, `JavaScript files under ${staticDir}`).toBeGreaterThan(5);
  });

  test('holds no AWS access key id, no known secret and no secret environment value', () => {
    const secrets: Array<[string, string]> = [...KNOWN_SECRETS.map((value) => [value, value] as [string, string]), ...secretEnvironmentValues()];
    const findings: string[] = [];
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const match of text.matchAll(AWS_ACCESS_KEY_ID)) findings.push(`${file}: access key id ${match[0]}`);
      for (const [name, value] of secrets) if (text.includes(value)) findings.push(`${file}: the value of ${name}`);
    }
    expect(findings).toEqual([]);
  });

  test('the scan would notice a leak', () => {
    // The same patterns, applied to a string that leaks, find it: the check above cannot pass by accident.
    const leaking = `const config={key:"AKIAABCDEFGHIJKLMNOP",token:"${TEST_ACCESS_TOKEN}"}`;
    expect([...leaking.matchAll(AWS_ACCESS_KEY_ID)].length).toBe(1);
    expect(KNOWN_SECRETS.some((secret) => leaking.includes(secret))).toBe(true);
  });
});
