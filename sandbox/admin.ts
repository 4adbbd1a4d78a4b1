import { z } from 'zod';
import type { CallLog } from './call-log';
import { recordRoleUse } from './cloudtrail-history';
import { accessAdvisorSettingsSchema, deletionTimingsSchema, mergeDeletionTimings } from './config';
import { parseFaultList, type FaultInjector } from './faults';
import type { SandboxStore } from './store';
import type { SandboxState } from './types';

// The sandbox's own admin API under /_sandbox/ (JSON in and out): reset to a scenario, faults, deletion timings,
// the call log, health and the whole state. AWS paths never start with /_sandbox.

export const ADMIN_PATH_PREFIX = '/_sandbox/';

export interface AdminContext {
  store: SandboxStore;
  faults: FaultInjector;
  callLog: CallLog;
  scenarioNames: readonly string[];
  buildScenario: (name: string, nowMs: number) => SandboxState;
  clock: () => number;
  /** Decides due deletion tasks, so the state read is current. */
  settle: () => Promise<void>;
  startedAtMs: number;
  accountId: string;
}

export interface AdminResponse {
  status: number;
  body: unknown;
}

const resetSchema = z.object({ scenario: z.string().min(1) }).strict();
const faultsSchema = z.union([
  z.object({ clear: z.literal(true) }).strict(),
  z.object({ faults: z.array(z.unknown()) }).strict(),
]);
const roleUseSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as eu-west-1'),
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit account id').optional(),
  })
  .strict();
const settingsSchema = z.object({ deletion: deletionTimingsSchema.optional(), accessAdvisor: accessAdvisorSettingsSchema.optional() }).strict();

function badRequest(message: string): AdminResponse {
  return { status: 400, body: { ok: false, message } };
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false; response: AdminResponse } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: badRequest('The request body is not valid JSON.') };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

export async function handleAdminRequest(context: AdminContext, method: string, path: string, bodyText: string): Promise<AdminResponse> {
  const route = path.slice(ADMIN_PATH_PREFIX.length).replace(/\/+$/, '');
  const parsed = parseBody(bodyText);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const key = `${method} ${route}`;
  switch (key) {
    case 'POST reset': {
      const input = resetSchema.safeParse(body);
      if (!input.success) return badRequest(`Expected {"scenario": "<name>"}: ${describeIssues(input.error)}`);
      const { scenario } = input.data;
      if (!context.scenarioNames.includes(scenario)) {
        return badRequest(`Unknown scenario "${scenario}". Valid scenarios: ${context.scenarioNames.join(', ')}.`);
      }
      await context.store.replace(context.buildScenario(scenario, context.clock()));
      return { status: 200, body: { ok: true, scenario } };
    }
    case 'GET faults':
      return { status: 200, body: { ok: true, faults: context.faults.list() } };
    case 'POST faults': {
      const input = faultsSchema.safeParse(body);
      if (!input.success) return badRequest(`Expected {"faults": [...]} or {"clear": true}: ${describeIssues(input.error)}`);
      if ('clear' in input.data) {
        context.faults.set([]);
      } else {
        try {
          context.faults.set(parseFaultList(input.data.faults));
        } catch (error) {
          return badRequest((error as Error).message);
        }
      }
      return { status: 200, body: { ok: true, faults: context.faults.list() } };
    }
    case 'GET settings':
      return { status: 200, body: { ok: true, deletion: context.store.timings, accessAdvisor: context.store.accessAdvisor } };
    case 'POST settings': {
      const input = settingsSchema.safeParse(body);
      if (!input.success) {
        return badRequest(
          `Expected {"deletion"?: {startDelayMs?, decideDelayMs?, purgeAfterMs?}, "accessAdvisor"?: {jobDurationMs?, failJobs?}}: ${describeIssues(input.error)}`,
        );
      }
      try {
        if (input.data.deletion) context.store.timings = mergeDeletionTimings(context.store.timings, input.data.deletion);
      } catch (error) {
        return badRequest((error as Error).message);
      }
      if (input.data.accessAdvisor) context.store.accessAdvisor = { ...context.store.accessAdvisor, ...input.data.accessAdvisor };
      return { status: 200, body: { ok: true, deletion: context.store.timings, accessAdvisor: context.store.accessAdvisor } };
    }
    case 'GET calls':
      return { status: 200, body: { calls: context.callLog.list() } };
    case 'DELETE calls':
      context.callLog.clear();
      return { status: 200, body: { ok: true } };
    case 'GET health': {
      const summary = context.store.read((state) => {
        const account = state.accounts[context.accountId];
        const regions = Object.values(account?.regions ?? {});
        return {
          scenario: state.scenario,
          regions: regions.length,
          enabledRegions: regions.filter((region) => region.optInStatus !== 'not-opted-in').length,
          roles: Object.keys(account?.iam.roles ?? {}).length,
          accounts: Object.keys(state.accounts).length,
          organizationId: state.organization?.id ?? null,
        };
      });
      return {
        status: 200,
        body: {
          ok: true,
          ...summary,
          accountId: context.accountId,
          stateFile: context.store.filePath,
          uptimeMs: Date.now() - context.startedAtMs,
          faults: context.faults.list().length,
          deletion: context.store.timings,
        },
      };
    }
    case 'POST role-use': {
      const input = roleUseSchema.safeParse(body);
      if (!input.success) return badRequest(`Expected {"region": "<code>", "accountId"?: "<12 digits>"}: ${describeIssues(input.error)}`);
      const accountId = input.data.accountId ?? context.accountId;
      const result = await context.store.mutate((state) => recordRoleUse(state, { accountId, region: input.data.region, nowMs: context.clock() }));
      if (!result.ok) return badRequest(result.message);
      return { status: 200, body: { ...result, accountId } };
    }
    case 'GET state':
      await context.settle();
      return { status: 200, body: context.store.read((state) => state) };
    default: {
      const knownRoutes = ['reset', 'faults', 'settings', 'calls', 'health', 'state', 'role-use'];
      if (knownRoutes.includes(route)) return { status: 405, body: { ok: false, message: `${method} is not supported on ${path}.` } };
      return { status: 404, body: { ok: false, message: `No sandbox admin endpoint at ${path}. Endpoints: ${knownRoutes.map((name) => ADMIN_PATH_PREFIX + name).join(', ')}.` } };
    }
  }
}
