#!/usr/bin/env node
// Runs every check the project has, in order: lint, type check, unit tests, production build, end-to-end tests.
// First it brings in what they need (scripts/test-setup.mjs). Each runner prints its own summary; the last line
// totals the whole run as "N passed, N failed".

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTestPrerequisites, nodeRelaunch, projectNodePath, SetupError } from './test-setup.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const resultsDir = path.join(root, 'test-results', 'summary');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// The project's own node_modules/.bin first, so every runner's `#!/usr/bin/env node` finds the project's Node.
const binPath = `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`;
const env = { ...process.env, PATH: binPath, NEXT_TELEMETRY_DISABLED: '1', CI: process.env.CI ?? '1' };

try {
  ensureTestPrerequisites(root);
  const relaunch = nodeRelaunch(root);
  if (relaunch) {
    console.log(`Node.js ${process.versions.node} is not supported here; running the tests on ${projectNodePath(root)}.`);
    const result = spawnSync(relaunch.command, relaunch.args, { cwd: root, stdio: 'inherit', env });
    process.exit(result.status ?? 1);
  }
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`\n${error.message}`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
console.log(`Node.js ${process.versions.node}; Chromium and the AWS CLI v2 are in place.`);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${seconds} s`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countStep(label, ok) {
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
}

function countTests(label, passed, failed, skipped, runnerOk) {
  // A runner that failed without reporting a failed test (crash, config error) still counts as one failure.
  const extraFailure = !runnerOk && failed === 0 ? 1 : 0;
  totals.passed += passed;
  totals.failed += failed + extraFailure;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed + extraFailure} failed, ${skipped} skipped`);
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

countStep('lint', run('lint', bin('eslint'), ['.', '--max-warnings=0']));
countStep('type check', run('type check', bin('tsc'), ['--noEmit']));

const unitFile = path.join(resultsDir, 'unit-results.json');
const unitOk = run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${unitFile}`]);
const unit = readJson(unitFile);
countTests('unit tests', unit?.numPassedTests ?? 0, unit?.numFailedTests ?? 0, (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0), unitOk);

const buildOk = run('production build', bin('next'), ['build']);
countStep('production build', buildOk);

if (buildOk) {
  const e2eFile = path.join(resultsDir, 'e2e-results.json');
  const e2eOk = run('end-to-end tests', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile });
  const e2e = existsSync(e2eFile) ? readJson(e2eFile) : null;
  const stats = e2e?.stats ?? {};
  countTests('end-to-end tests', (stats.expected ?? 0) + (stats.flaky ?? 0), stats.unexpected ?? 0, stats.skipped ?? 0, e2eOk);
} else {
  lines.push('end-to-end tests: not run (the build failed)');
  totals.failed += 1;
}

console.log('\n=== summary');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
