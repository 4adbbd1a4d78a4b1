#!/usr/bin/env node
// Launches the command-line interface (cli/main.ts) with the checkout's TypeScript loader.
//
// The CLI runs the dashboard's own lib/, whose server modules start with `import 'server-only'`. That package
// throws unless it is resolved under the `react-server` export condition, which is what a server process is: so
// the CLI runs under `--conditions=react-server`, as Next.js does for server code, and lib/ stays unchanged.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The project's own Node.js (installed by npm ci) when there is one, whatever `node` the shell found.
const projectNode = path.join(root, 'node_modules', '.bin', 'node');
const child = spawn(
  existsSync(projectNode) ? projectNode : process.execPath,
  ['--conditions=react-server', '--import', import.meta.resolve('tsx'), path.join(root, 'cli', 'main.ts'), ...process.argv.slice(2)],
  // tsx reads the path aliases (@/…) from this tsconfig whatever the working directory.
  { stdio: 'inherit', env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') } },
);
// Ctrl-C reaches both processes from the terminal: this one only waits for the CLI to finish.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
});
