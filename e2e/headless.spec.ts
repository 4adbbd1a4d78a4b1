import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ORG_ACCESS_ROLE_NAME, ORG_EXTERNAL_ID, ORG_MANAGEMENT_ACCOUNT_ID } from '../sandbox/scenarios/org-facts';
import { expect, ORG_DASHBOARD_URL, SANDBOX_URL, test, type SandboxAdmin } from './fixtures';

// The command line against the dashboard's own sandbox and data: its JSON is the dashboard's export, its
// progress bar shows in a terminal, and its watch reports the role recreated after the wizard deleted it, and in
// organization mode a change in a member account.

const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const ACCOUNT_ID = '123456789012';
const port = Number(process.env.E2E_PORT ?? 3100);
// The same settings as the dashboard under test (playwright.config.ts), so the CLI shares its sandbox and data.
const CLI_ENV = {
  ...process.env,
  ATLAS_TARGET: 'sandbox',
  SANDBOX_PORT: String(Number(process.env.E2E_SANDBOX_PORT ?? 4600)),
  SANDBOX_DATA_DIR: `.data/e2e-${port}/sandbox`,
  ATLAS_DATA_DIR: `.data/e2e-${port}/atlas`,
  ATLAS_WEBHOOK_URL: '',
  NO_COLOR: '1',
};
// The organization-mode dashboard's settings (playwright.config.ts): the same sandbox, its own data.
const ORG_CLI_ENV = {
  ...CLI_ENV,
  ATLAS_ORG: '1',
  ATLAS_ORG_EXTERNAL_ID: ORG_EXTERNAL_ID,
  ATLAS_DATA_DIR: `.data/e2e-${port + 2}/atlas`,
};
const CLI = ['bin/ssm-role-atlas.mjs'];

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = CLI_ENV): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { env, timeout: 180_000, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI in a pseudo-terminal (util-linux `script`), whose output is what a terminal would show. */
function runCliInTerminal(args: string[]): Promise<{ code: number | null; output: string }> {
  const command = ['node', ...CLI, ...args].join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...CLI_ENV, COLUMNS: '120' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

interface SandboxStateShape {
  accounts: Record<
    string,
    {
      iam: { roles: Record<string, { roleId: string; arn: string; createDate: string }> };
      regions: Record<string, { optInStatus: string; windows: Record<string, { WindowId: string; tasks: Record<string, { WindowTaskId: string; ServiceRoleArn?: string }> }> }>;
    }
  >;
}

async function readAccount(sandbox: SandboxAdmin) {
  const account = ((await sandbox.state()) as SandboxStateShape).accounts[ACCOUNT_ID];
  if (!account) throw new Error('the sandbox account is missing');
  return account;
}

/** The tasks that rely on the role, straight from the sandbox's state: no ServiceRoleArn, or the role's own. */
function blockingTaskArns(account: Awaited<ReturnType<typeof readAccount>>): string[] {
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`;
  return Object.entries(account.regions)
    .filter(([, region]) => region.optInStatus !== 'not-opted-in')
    .flatMap(([code, region]) =>
      Object.values(region.windows).flatMap((window) =>
        Object.values(window.tasks)
          .filter((task) => !task.ServiceRoleArn || task.ServiceRoleArn === roleArn)
          .map((task) => `arn:aws:ssm:${code}:${ACCOUNT_ID}:windowtask/${window.WindowId}/${task.WindowTaskId}`),
      ),
    )
    .sort();
}

interface ExportShape {
  exportedAt: string;
  verdictSummary: string;
  audit: {
    id: string;
    verdict: { kind: string };
    regions: Array<{ findings: { windows: Array<{ tasks: Array<{ arn: string; reliesOnRole: boolean }> }> } | null }>;
  };
}

interface AwsCliCredentials {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN?: string;
}

/** Debian's AWS CLI v2 against the sandbox: with its long-term keys (the management account), or with `credentials`. */
function awsCli(args: string[], credentials: AwsCliCredentials = { AWS_ACCESS_KEY_ID: 'AKIASANDBOXE2E', AWS_SECRET_ACCESS_KEY: 'sandbox' }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/aws',
      ['--endpoint-url', SANDBOX_URL, '--output', 'json', ...args],
      { env: { ...process.env, AWS_SESSION_TOKEN: '', ...credentials, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } },
      (error, stdout, stderr) => (error ? reject(new Error(`aws ${args.join(' ')} failed: ${stderr}`)) : resolve(stdout)),
    );
  });
}

test.describe('command line', () => {
  test('on demo, the JSON of `audit` is the dashboard’s export of the same audit, which the CLI stored', async ({ page, sandbox }) => {
    test.setTimeout(240_000);
    await sandbox.reset('demo');
    const cli = await runCli(['audit', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(2);
    const fromCli = JSON.parse(cli.stdout) as ExportShape;

    const response = await page.request.get('/api/audit/export?format=json');
    expect(response.ok()).toBeTruthy();
    const fromDashboard = (await response.json()) as ExportShape;
    // The same audit, byte for byte apart from the moment of the export.
    expect(fromDashboard.audit.id).toBe(fromCli.audit.id);
    expect({ ...fromDashboard, exportedAt: null }).toEqual({ ...fromCli, exportedAt: null });

    // And the audit is right: its blockers are the tasks the sandbox's state says rely on the role.
    const expected = blockingTaskArns(await readAccount(sandbox));
    expect(expected.length).toBeGreaterThan(0);
    const found = fromCli.audit.regions
      .flatMap((region) => region.findings?.windows ?? [])
      .flatMap((window) => window.tasks.filter((task) => task.reliesOnRole).map((task) => task.arn))
      .sort();
    expect(found).toEqual(expected);
    expect(fromCli.audit.verdict.kind).toBe('blocked');

    // The pages show the audit the CLI ran.
    await page.goto('/regions');
    await expect(page.getByText(`Deletion blocked: ${expected.length} maintenance-window tasks`)).toBeVisible();
  });

  test('in a terminal, `audit` draws its progress bar on stderr and exits 2 when the role is relied on', async ({ sandbox }) => {
    test.setTimeout(240_000);
    await sandbox.reset('demo');
    const regionCount = Object.keys((await readAccount(sandbox)).regions).length;
    const { code, output } = await runCliInTerminal(['audit', '--format', 'csv', '--output', `.data/e2e-${port}/cli-audit.csv`]);
    expect(code, output).toBe(2);
    // Redrawn in place (carriage return, erase line) until every region is done, with calls and elapsed time.
    expect(output).toContain('\r\u001b[2KAuditing [');
    expect(output).toMatch(new RegExp(`Auditing \\[#{24}\\] ${regionCount}/${regionCount} regions · \\d+ calls · \\d+\\.\\d s`));
    expect(output).not.toContain('audit: starting');
  });

  test('after the wizard deletes the role on clean, a role-less task registration makes `watch --once` report the recreation once', async ({ page, sandbox }) => {
    test.setTimeout(300_000);
    await sandbox.reset('clean');
    await sandbox.setTimings({ startDelayMs: 200, decideDelayMs: 600 });

    // The deletion, through the wizard.
    await page.goto('/delete?step=preflight');
    await expect(page.getByText('Nothing blocks the deletion')).toBeVisible({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Continue to blockers' }).click();
    await page.getByRole('link', { name: 'Continue to data impact' }).click();
    const acknowledge = page.getByLabel(/I understand that the inventory/);
    await expect(page.getByRole('button', { name: 'Continue to confirmation' })).toBeVisible();
    if (await acknowledge.isVisible()) await acknowledge.check();
    await page.getByRole('button', { name: 'Continue to confirmation' }).click();
    await page.getByLabel('Type the role name to confirm').fill(ROLE_NAME);
    await page.getByLabel('Type the role name to confirm').press('Enter');
    await expect(page.getByRole('heading', { name: 'The role is deleted' })).toBeVisible({ timeout: 60_000 });
    expect(Object.keys((await readAccount(sandbox)).iam.roles)).not.toContain(ROLE_NAME);

    // A maintenance-window task registered without a role, through the AWS CLI: AWS recreates the role.
    const windows = JSON.parse(await awsCli(['--region', 'eu-west-1', 'ssm', 'describe-maintenance-windows'])) as { WindowIdentities: Array<{ WindowId: string }> };
    const windowId = windows.WindowIdentities[0]?.WindowId;
    expect(windowId).toBeTruthy();
    await awsCli([
      '--region', 'eu-west-1', 'ssm', 'register-task-with-maintenance-window', '--window-id', String(windowId),
      '--task-arn', 'AWS-RunShellScript', '--task-type', 'RUN_COMMAND', '--targets', 'Key=InstanceIds,Values=i-0123456789abcdef0', '--name', 'role-less-task',
    ]);
    const recreated = (await readAccount(sandbox)).iam.roles[ROLE_NAME];
    expect(recreated, 'the sandbox recreated the role').toBeTruthy();

    // A local receiver stands in for the chat webhook.
    const received: Array<{ text: string; kind: string; details: Record<string, unknown> }> = [];
    const receiver: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body) as (typeof received)[number]);
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/e2e`;
    try {
      const first = await runCli(['watch', '--once', '--webhook', webhook]);
      expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(4);
      expect(first.stdout).toContain('since the deletion of the role');
      const recreations = received.filter((message) => message.kind === 'role-recreated');
      expect(recreations).toHaveLength(1);
      expect(recreations[0]?.text).toContain(`${ROLE_NAME} was recreated`);
      expect(recreations[0]?.details.roleId).toBe(recreated?.roleId);
      // IAM gives CreateDate to the second.
      expect(Date.parse(String(recreations[0]?.details.createDate))).toBe(Math.floor(Date.parse(recreated!.createDate) / 1000) * 1000);
      expect(received.filter((message) => message.kind === 'task-added')).toHaveLength(1);
      // With the CloudTrail event that created it: the registration, in the task's region.
      expect(recreations[0]?.details).toMatchObject({ creationEvent: 'RegisterTaskWithMaintenanceWindow', creationEventRegion: 'eu-west-1' });
      expect(recreations[0]?.text).toContain('Created by RegisterTaskWithMaintenanceWindow in eu-west-1');

      // Run again: nothing new, nothing sent twice.
      const second = await runCli(['watch', '--once', '--webhook', webhook]);
      expect(second.code, `${second.stdout}\n${second.stderr}`).toBe(0);
      expect(received.filter((message) => message.kind === 'role-recreated')).toHaveLength(1);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }

    // The activity log shows the observation, under its own result.
    await page.goto('/activity?result=observed');
    const entries = page.getByRole('region', { name: 'Activity log entries' });
    await expect(entries.getByRole('row').filter({ hasText: 'RoleRecreated' }).filter({ hasText: recreated!.roleId })).toHaveCount(1);
    await expect(entries.getByRole('row').filter({ hasText: 'succeeded' })).toHaveCount(0);

    // The overview's panel shows it, and when the watch ran.
    await page.goto('/');
    const panel = page.getByRole('region', { name: /^Changes since the role’s deletion/ });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('listitem').filter({ hasText: 'Role recreated' })).toContainText(recreated!.roleId);
    await expect(panel).toContainText('The watch last ran');
    await expect(panel).toContainText('from the command line');
  });

  test('in organization mode, `watch --once` compares every account and reports a role-less task registered in a member account', async ({ page, sandbox }) => {
    test.setTimeout(300_000);
    const member = '210987654303';
    const denied = '210987654311';
    await sandbox.reset('org');
    // Twice: the first run compares with whatever an earlier run of this suite left; the second finds nothing new.
    await runCli(['watch', '--once'], ORG_CLI_ENV);
    const settled = await runCli(['watch', '--once'], ORG_CLI_ENV);
    expect(settled.code, `${settled.stdout}\n${settled.stderr}`).toBe(0);
    expect(settled.stdout).toContain(`account ${ORG_MANAGEMENT_ACCOUNT_ID}: no change`);
    expect(settled.stdout).toContain(`account ${member}: no change`);
    // Its access role cannot be assumed: named as not watched (or, once read before, reported unreadable), never "no change".
    expect(settled.stdout).not.toContain(`account ${denied}: no change`);
    expect(settled.stdout).toMatch(/\d+ accounts compared, \d+ not watched: no change/);

    // A task registered without a role in the member account, through the AWS CLI acting as its access role.
    const assumed = JSON.parse(
      await awsCli(['--region', 'us-east-1', 'sts', 'assume-role', '--role-arn', `arn:aws:iam::${member}:role/${ORG_ACCESS_ROLE_NAME}`, '--role-session-name', 'e2e-org-watch']),
    ) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } };
    const asMember = { AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId, AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey, AWS_SESSION_TOKEN: assumed.Credentials.SessionToken };
    const windows = JSON.parse(await awsCli(['--region', 'us-east-1', 'ssm', 'describe-maintenance-windows'], asMember)) as { WindowIdentities: Array<{ WindowId: string }> };
    const windowId = windows.WindowIdentities[0]?.WindowId;
    expect(windowId).toBeTruthy();
    const registered = JSON.parse(
      await awsCli(
        [
          '--region', 'us-east-1', 'ssm', 'register-task-with-maintenance-window', '--window-id', String(windowId),
          '--task-arn', 'AWS-RunShellScript', '--task-type', 'RUN_COMMAND', '--targets', 'Key=InstanceIds,Values=i-0123456789abcdef0', '--name', 'member-role-less-task',
        ],
        asMember,
      ),
    ) as { WindowTaskId: string };
    expect(registered.WindowTaskId).toBeTruthy();

    const changed = await runCli(['watch', '--once'], ORG_CLI_ENV);
    expect(changed.code, `${changed.stdout}\n${changed.stderr}`).toBe(4);
    expect(changed.stdout).toContain(`account ${member}: 1 change since the run at`);
    expect(changed.stdout).toMatch(new RegExp(`task-added  us-east-1  .*member-role-less-task in maintenance window .*\\(${windowId}\\)`));
    expect(changed.stdout).toContain(`account ${ORG_MANAGEMENT_ACCOUNT_ID}: no change`);
    expect(changed.stdout).toMatch(/: 1 change in 1 account$/m);

    // The member account's overview on the organization dashboard shows the change in its panel.
    await page.goto(`${ORG_DASHBOARD_URL}/?account=${member}`);
    const panel = page.getByRole('list', { name: 'Changes the watch saw' });
    await expect(panel.getByRole('listitem').filter({ hasText: 'member-role-less-task' })).toHaveCount(1, { timeout: 30_000 });
    await expect(panel.getByRole('listitem').filter({ hasText: 'member-role-less-task' })).toContainText('New task on the role');
  });
});
