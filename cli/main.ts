import 'server-only';
import { Command, Option } from 'commander';
import { AUDIT_FORMATS, runAuditCommand, type AuditCommandOptions } from '@/cli/commands/audit';
import { runStatusCommand } from '@/cli/commands/status';
import { runWatchCommand } from '@/cli/commands/watch';
import { EXIT_CODES } from '@/cli/exit-codes';
import { collectRegions, parseEvery, parseWebhook } from '@/cli/options';
import { describeFailure, openSession } from '@/cli/session';

// The command line: `ssm-role-atlas <command>` (or `npm run atlas -- <command>`), on the dashboard's own lib/
// and settings. Started by bin/ssm-role-atlas.mjs.

/** Runs one command inside a session and exits with its code. */
async function run(command: () => Promise<number>): Promise<never> {
  let code: number = EXIT_CODES.error;
  try {
    const session = await openSession();
    try {
      code = await command();
    } finally {
      await session.close();
    }
  } catch (error) {
    console.error(describeFailure(error));
  }
  // AWS clients keep sockets open; the command is over, so the process ends here.
  process.exit(code);
}

const program = new Command('ssm-role-atlas')
  .description('Audit and watch the AWSServiceRoleForAmazonSSM service-linked role from the command line.')
  .showHelpAfterError()
  // Bad arguments exit with 1, like every other error.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_CODES.error));

program
  .command('audit')
  .description('Scan every region for what relies on the role. Exit code: 0 safe, 2 blocked, 3 unknown, 1 error.')
  .addOption(new Option('-f, --format <format>', 'output format').choices(AUDIT_FORMATS).default('table'))
  .option('-o, --output <file>', 'write the result to this file instead of stdout')
  .option('-r, --region <codes>', 'scan only these regions (repeatable, or a comma-separated list); not stored', collectRegions)
  .action((options: AuditCommandOptions) => run(() => runAuditCommand(options)));

program
  .command('status')
  .description('One line per account: the role, its last use, and the last audit’s verdict and age.')
  .action(() => run(runStatusCommand));

program
  .command('watch')
  .description(
    'Audit again and again and report each change since the baseline (the last run, or the role’s deletion): the role recreated, a task newly relying on it, a blocker gone, a region or the account unreadable, new data impact.',
  )
  .addOption(new Option('-e, --every <duration>', 'time between runs, from 1m to 24h (e.g. 90s, 15m, 2h)').argParser(parseEvery).default(15 * 60_000, '15m'))
  .option('--once', 'run one comparison and exit: 4 when something changed, 0 when nothing did, 1 on error')
  .option('-w, --webhook <url>', 'POST each change there as JSON (default: ATLAS_WEBHOOK_URL)', parseWebhook)
  .action((options: { every: number; once?: boolean; webhook?: string }) =>
    run(() => runWatchCommand({ everyMs: options.every, once: options.once === true, webhook: options.webhook })),
  );

void program.parseAsync(process.argv);
