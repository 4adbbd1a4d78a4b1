import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCliMajor, isDebianLike, isInstallCurrent, MINIMUM_NODE_MAJOR, nodeMajor, nodeRelaunch, SetupError } from './test-setup.mjs';

function projectWith(lock: object, installed: object | null): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'atlas-setup-'));
  writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ packages: lock }));
  if (installed) {
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: installed }));
  }
  return root;
}

const lock = {
  '': { name: 'ssm-role-atlas' },
  'node_modules/zod': { version: '4.6.7' },
  'node_modules/@esbuild/darwin-arm64': { version: '0.25.0', optional: true },
};

describe('isInstallCurrent', () => {
  it('accepts node_modules that hold every required package at the locked version, without other platforms’ optional ones', () => {
    expect(isInstallCurrent(projectWith(lock, { 'node_modules/zod': { version: '4.6.7' } }))).toBe(true);
  });

  it('refuses a missing install, a missing package and a package at another version', () => {
    expect(isInstallCurrent(projectWith(lock, null))).toBe(false);
    expect(isInstallCurrent(projectWith(lock, {}))).toBe(false);
    expect(isInstallCurrent(projectWith(lock, { 'node_modules/zod': { version: '3.0.0' } }))).toBe(false);
  });

  it('refuses an install with a package the lockfile no longer names', () => {
    expect(isInstallCurrent(projectWith(lock, { 'node_modules/zod': { version: '4.6.7' }, 'node_modules/left-pad': { version: '1.3.0' } }))).toBe(false);
  });
});

describe('isDebianLike', () => {
  it('recognises Debian, Ubuntu and their derivatives, and nothing else', () => {
    expect(isDebianLike('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')).toBe(true);
    expect(isDebianLike('ID=ubuntu\nID_LIKE=debian\n')).toBe(true);
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true);
    expect(isDebianLike('ID="fedora"\n')).toBe(false);
    expect(isDebianLike('')).toBe(false);
  });
});

describe('nodeRelaunch', () => {
  it('keeps a supported Node.js', () => {
    expect(nodeRelaunch('/nowhere', ['node', 'scripts/run-tests.mjs'], '22.12.0')).toBeNull();
    expect(nodeRelaunch('/nowhere', ['node', 'scripts/run-tests.mjs'], '24.22.3')).toBeNull();
  });

  it('re-runs the same script on the project’s own Node when the running one is too old', () => {
    const root = projectWith(lock, {});
    mkdirSync(path.join(root, 'node_modules', '.bin'));
    writeFileSync(path.join(root, 'node_modules', '.bin', 'node'), '');
    expect(nodeRelaunch(root, ['/usr/bin/node', '/p/scripts/run-tests.mjs', '--x'], '20.20.2')).toEqual({
      command: path.join(root, 'node_modules', '.bin', 'node'),
      args: ['/p/scripts/run-tests.mjs', '--x'],
    });
  });

  it('stops with the command to run when the project’s Node is not installed', () => {
    expect(() => nodeRelaunch(projectWith(lock, null), ['node', 'x'], '20.20.2')).toThrow(SetupError);
    expect(() => nodeRelaunch(projectWith(lock, null), ['node', 'x'], '20.20.2')).toThrow(/`npm ci`/);
  });
});

describe('awsCliMajor', () => {
  function fakeCli(output: string): string {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-')), 'aws');
    writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('reads the major version the CLI prints', () => {
    expect(awsCliMajor(fakeCli('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12'))).toBe(2);
    expect(awsCliMajor(fakeCli('aws-cli/1.29.0 Python/3.11.7 Linux/6.1 botocore/1.31.0'))).toBe(1);
  });

  it('answers null for a CLI that is absent or says something else', () => {
    expect(awsCliMajor('/nowhere/aws')).toBeNull();
    expect(awsCliMajor(fakeCli('command not found'))).toBeNull();
  });
});

describe('the Node.js the tests run on', () => {
  it('is one the project supports, so the AWS SDK has no version warning to give', async () => {
    expect(nodeMajor()).toBeGreaterThanOrEqual(MINIMUM_NODE_MAJOR);
    const { emitWarningIfUnsupportedVersion } = await import('@aws-sdk/core/client');
    const warnings: string[] = [];
    const original = process.emitWarning;
    process.emitWarning = ((warning: string | Error) => {
      warnings.push(String(warning));
    }) as typeof process.emitWarning;
    try {
      emitWarningIfUnsupportedVersion(process.version);
    } finally {
      process.emitWarning = original;
    }
    expect(warnings).toEqual([]);
  });
});
