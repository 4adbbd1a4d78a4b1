import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { SandboxState } from '../sandbox/types';
import { withoutReportJobs } from './trust-support';

// Every end-to-end test starts from a known sandbox scenario; this fixture talks to the sandbox's admin API.

const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4600);
export const SANDBOX_URL = `http://127.0.0.1:${sandboxPort}`;
export const AWS_TARGET_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`;
/** The dashboard in organization mode (ATLAS_ORG=1) over the same sandbox. */
export const ORG_DASHBOARD_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 2}`;
/** The dashboard on the AWS target in AWS GovCloud (us-gov-west-1) over the same sandbox. */
export const GOVCLOUD_DASHBOARD_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 3}`;

export type ScenarioName = 'demo' | 'clean' | 'absent' | 'large' | 'org' | 'hostile-names' | 'govcloud';

export interface FaultSpec {
  /** Only the calls made in this account (the sandbox's organization scenarios). */
  accountId?: string;
  service?: string;
  operation?: string;
  region?: string;
  latencyMs?: number;
  jitterMs?: number;
  throttle?: { ratePerSecond: number; burst: number };
  errorRate?: number;
  hang?: boolean;
  busy?: boolean;
  accessDenied?: boolean;
}

export interface SandboxCall {
  time: string;
  service: string;
  region: string;
  operation: string;
  status: number;
  latencyMs: number;
}

export class SandboxAdmin {
  constructor(private readonly request: APIRequestContext) {}

  async reset(scenario: ScenarioName): Promise<void> {
    const response = await this.request.post(`${SANDBOX_URL}/_sandbox/reset`, { data: { scenario } });
    expect(response.ok(), `reset to ${scenario}`).toBeTruthy();
  }

  async setFaults(faults: FaultSpec[]): Promise<void> {
    const response = await this.request.post(`${SANDBOX_URL}/_sandbox/faults`, { data: { faults } });
    expect(response.ok(), 'set faults').toBeTruthy();
  }

  async clearFaults(): Promise<void> {
    const response = await this.request.post(`${SANDBOX_URL}/_sandbox/faults`, { data: { clear: true } });
    expect(response.ok(), 'clear faults').toBeTruthy();
  }

  async setTimings(timings: { startDelayMs?: number; decideDelayMs?: number; purgeAfterMs?: number }): Promise<void> {
    const response = await this.request.post(`${SANDBOX_URL}/_sandbox/settings`, { data: { deletion: timings } });
    expect(response.ok(), 'set timings').toBeTruthy();
  }

  async calls(): Promise<SandboxCall[]> {
    const response = await this.request.get(`${SANDBOX_URL}/_sandbox/calls`);
    expect(response.ok(), 'read call log').toBeTruthy();
    return ((await response.json()) as { calls: SandboxCall[] }).calls;
  }

  async clearCalls(): Promise<void> {
    const response = await this.request.delete(`${SANDBOX_URL}/_sandbox/calls`, { headers: { 'content-type': 'application/json' } });
    expect(response.ok(), 'clear call log').toBeTruthy();
  }

  /** The whole sandbox state, to check what the dashboard shows against the truth. */
  async state(): Promise<unknown> {
    const response = await this.request.get(`${SANDBOX_URL}/_sandbox/state`);
    expect(response.ok(), 'read state').toBeTruthy();
    return response.json();
  }

  /** The state a "nothing changed" check compares: without Access Advisor report jobs, which reads create. */
  async accountState(): Promise<unknown> {
    return withoutReportJobs(await this.state());
  }
}

/** Runs a full audit through the audit's streaming route (as the Regions page does) and waits for it to finish. */
export async function runAuditThroughApi(page: Page): Promise<void> {
  await runStreamToTheEnd(page, '/api/audit/stream?view=overview', 'the scan');
}

/** POSTs to a streaming route (NDJSON) and expects its last event to be `finished`. */
async function runStreamToTheEnd(page: Page, url: string, what: string): Promise<void> {
  const response = await page.request.post(url, { timeout: 240_000 });
  expect(response.ok(), `${what}: the stream answered`).toBeTruthy();
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { type?: string };
  expect(last.type, `${what} finished`).toBe('finished');
}

/** Runs the organization audit through its streaming route (as /accounts does) and waits for it to finish. */
export async function auditOrganizationThroughApi(page: Page): Promise<void> {
  await runStreamToTheEnd(page, '/api/org-audit/stream', 'the organization audit');
}

/** Resets the sandbox to `org`, audits the organization, and answers the sandbox's state to check the pages against. */
export async function resetToOrg(sandbox: SandboxAdmin, page: Page): Promise<SandboxState> {
  await sandbox.reset('org');
  await auditOrganizationThroughApi(page);
  return (await sandbox.state()) as SandboxState;
}

/**
 * Opens /regions and makes sure a scan runs: the one the page starts by itself, or one started with its button.
 * A click that lands before the page is interactive is lost, so it clicks again until the sandbox's call log
 * shows a scan reading maintenance windows.
 */
export async function startScanFromRegionsPage(page: Page, sandbox: SandboxAdmin): Promise<void> {
  // Cleared before the page loads: the page may start a scan by itself as it opens.
  await sandbox.clearCalls();
  await page.goto('/regions');
  await expect(page.getByRole('heading', { level: 1, name: 'Region audit' })).toBeVisible();
  const button = page.getByRole('button', { name: /^(Rescan|Scan all regions)$/ });
  await expect(async () => {
    // Nothing here may wait for the scan: while one runs the button is renamed "Scanning…" and disabled, so the
    // locator matches nothing and an unbounded isEnabled or click would wait for the scan to end.
    if ((await button.count()) > 0 && (await button.isEnabled({ timeout: 1_000 }))) await button.click({ timeout: 2_000 });
    const calls = await sandbox.calls();
    expect(calls.some((call) => call.operation === 'DescribeMaintenanceWindows'), 'the scan reads maintenance windows').toBe(true);
  }).toPass({ intervals: [500, 1_000, 2_000], timeout: 45_000 });
}

export const test = base.extend<{ sandbox: SandboxAdmin }>({
  sandbox: async ({ request }, provide) => {
    const admin = new SandboxAdmin(request);
    await admin.clearFaults();
    await provide(admin);
    await admin.clearFaults();
  },
});

export { expect };
