import { createManagementCaller, type CallerIdentity } from '../credentials';
import { SandboxError, type HandlerContext, type SandboxState, type SandboxStoreApi, type ServiceDefinition, type ServiceName } from '../types';

// A small in-memory store and handler context for calling service handlers directly in unit tests. Like the real
// store, a mutation that throws leaves the state as it was.

export class MemoryStore implements SandboxStoreApi {
  timings = { startDelayMs: 0, decideDelayMs: 0, purgeAfterMs: 60_000 };
  accessAdvisor = { jobDurationMs: 0, failJobs: false };
  mutationCount = 0;

  constructor(public state: SandboxState) {}

  get version(): number {
    return this.mutationCount;
  }

  read<T>(fn: (state: SandboxState) => T): T {
    return fn(this.state);
  }

  async mutate<T>(fn: (state: SandboxState) => T): Promise<T> {
    const draft = structuredClone(this.state);
    const result = fn(draft);
    this.state = draft;
    this.mutationCount += 1;
    return result;
  }
}

export interface TestCaller {
  store: MemoryStore;
  /** Calls `operation` of `service` in `region` (default us-east-1) and returns its output. */
  call(operation: string, input?: Record<string, unknown>, region?: string): Promise<Record<string, unknown>>;
  /** Calls an operation that must fail, and returns the SandboxError it threw. */
  fail(operation: string, input?: Record<string, unknown>, region?: string): Promise<SandboxError>;
}

export function createTestCaller(
  definition: ServiceDefinition,
  state: SandboxState,
  options: { accountId?: string; nowMs?: number; caller?: CallerIdentity } = {},
): TestCaller {
  const store = new MemoryStore(state);
  const accountId = options.accountId ?? Object.keys(state.accounts)[0] ?? '123456789012';
  const context = (operation: string, region: string): HandlerContext => ({
    accountId,
    partition: state.accounts[accountId]?.partition ?? 'aws',
    region,
    service: definition.service as ServiceName,
    operation,
    requestId: 'test-request',
    nowMs: options.nowMs ?? Date.now(),
    accessKeyId: 'AKIATESTTESTTESTTEST',
    caller: options.caller ?? createManagementCaller(),
    store,
  });
  const call = async (operation: string, input: Record<string, unknown> = {}, region = 'us-east-1') => {
    const handler = definition.operations[operation];
    if (!handler) throw new Error(`${definition.service} has no operation ${operation}`);
    // Round-trip through JSON as the wire does, so tests see exactly what a client would.
    const output = await handler(context(operation, region), structuredClone(input));
    return JSON.parse(JSON.stringify(output ?? {})) as Record<string, unknown>;
  };
  const fail = async (operation: string, input: Record<string, unknown> = {}, region = 'us-east-1') => {
    try {
      await call(operation, input, region);
    } catch (error) {
      if (error instanceof SandboxError) return error;
      throw error;
    }
    throw new Error(`${operation} succeeded but was expected to fail`);
  };
  return { store, call, fail };
}
