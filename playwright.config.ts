import { defineConfig, devices } from '@playwright/test';
import { ORG_EXTERNAL_ID } from './sandbox/scenarios/org-facts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test-support/chromium';

// End-to-end tests drive a production build of the dashboard in Debian's Chromium, on the sandbox target.

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4600);
const awsTargetPort = port + 1;
const orgPort = port + 2;
const govCloudPort = port + 3;
const nextBin = './node_modules/.bin/next';
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  SANDBOX_PORT: String(sandboxPort),
} as Record<string, string>;

export const e2eSettings = { port, sandboxPort, awsTargetPort, orgPort, govCloudPort };

/** One production server of the dashboard on `serverPort`, with its own settings over the shared ones. */
function dashboardServer(serverPort: number, env: Record<string, string>) {
  return {
    command: `${nextBin} start -H 127.0.0.1 -p ${serverPort}`,
    url: `http://127.0.0.1:${serverPort}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { ...baseEnv, ...env },
  };
}

export default defineConfig({
  testDir: './e2e',
  // Per-port output, so a run beside another on other ports never clears the other's artifacts.
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: false,
  // One sandbox state is shared by every test: they run one at a time, each from a known scenario.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: [
    dashboardServer(port, {
      ATLAS_TARGET: 'sandbox',
      SANDBOX_DATA_DIR: `.data/e2e-${port}/sandbox`,
      ATLAS_DATA_DIR: `.data/e2e-${port}/atlas`,
    }),
    // The AWS target, aimed at the sandbox with credentials it rejects: proves the bad-credentials page.
    dashboardServer(awsTargetPort, {
      ATLAS_TARGET: 'aws',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: `http://127.0.0.1:${sandboxPort}`,
      AWS_ACCESS_KEY_ID: 'INVALIDKEYFORTESTS01',
      AWS_SECRET_ACCESS_KEY: 'invalid-secret-for-tests',
      AWS_PROFILE: '',
      ATLAS_DATA_DIR: `.data/e2e-${awsTargetPort}/atlas`,
    }),
    // Organization mode over the same sandbox (started by the first server), which the org spec resets to `org`.
    dashboardServer(orgPort, {
      ATLAS_TARGET: 'sandbox',
      ATLAS_ORG: '1',
      ATLAS_ORG_EXTERNAL_ID: ORG_EXTERNAL_ID,
      SANDBOX_DATA_DIR: `.data/e2e-${port}/sandbox`,
      ATLAS_DATA_DIR: `.data/e2e-${orgPort}/atlas`,
    }),
    // AWS GovCloud (US): the AWS target, home region us-gov-west-1, aimed at the same sandbox, which the govcloud
    // spec resets to `govcloud` (an account in aws-us-gov). The sandbox's long-term keys act in that account.
    dashboardServer(govCloudPort, {
      ATLAS_TARGET: 'aws',
      AWS_REGION: 'us-gov-west-1',
      AWS_ENDPOINT_URL: `http://127.0.0.1:${sandboxPort}`,
      AWS_ACCESS_KEY_ID: 'AKIASANDBOXGOVCLOUD1',
      AWS_SECRET_ACCESS_KEY: 'sandbox-secret-not-a-real-key',
      AWS_PROFILE: '',
      ATLAS_DATA_DIR: `.data/e2e-${govCloudPort}/atlas`,
    }),
  ],
});
