import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DEFAULT_ACCESS_ADVISOR_SETTINGS, SANDBOX_ACCOUNT_ID } from './config';
import type { AccessAdvisorSettings, DeletionTimings, SandboxState, SandboxStoreApi } from './types';

// The sandbox's state: held in memory for reads, changed one mutation at a time, and written atomically to
// `<dataDir>/state.json` before each mutation is reported done.

export const STATE_FILE_NAME = 'state.json';

/** The state file exists but cannot be used; the sandbox refuses to start rather than wipe it. */
export class StateFileError extends Error {
  constructor(
    readonly filePath: string,
    reason: string,
  ) {
    super(
      `The sandbox state file ${filePath} cannot be used (${reason}). It has been left untouched. ` +
        'To start over, delete or move that file and start the sandbox again (it then loads its scenario), ' +
        'or reset a running sandbox with POST /_sandbox/reset {"scenario":"demo"}.',
    );
    this.name = 'StateFileError';
  }
}

function describeShapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the file does not hold a JSON object';
  const candidate = value as Partial<SandboxState>;
  if (candidate.version !== 1) return `unsupported state version ${JSON.stringify(candidate.version)} (expected 1)`;
  if (typeof candidate.scenario !== 'string') return 'the "scenario" field is missing';
  if (typeof candidate.accounts !== 'object' || candidate.accounts === null) return 'the "accounts" field is missing';
  if (!candidate.accounts[SANDBOX_ACCOUNT_ID]) return `it holds no account ${SANDBOX_ACCOUNT_ID}`;
  if (candidate.organization !== undefined && (typeof candidate.organization?.accounts !== 'object' || candidate.organization.accounts === null)) {
    return 'the "organization" field has no accounts';
  }
  for (const [accountId, account] of Object.entries(candidate.accounts)) {
    if (typeof account !== 'object' || account === null) return `account ${accountId} is not an object`;
    if (typeof account.iam?.roles !== 'object' || typeof account.iam?.deletionTasks !== 'object') {
      return `account ${accountId} has no IAM roles or deletion tasks`;
    }
    if (typeof account.regions !== 'object' || account.regions === null) return `account ${accountId} has no regions`;
  }
  return null;
}

/** Reads and checks a state file; `null` when the file does not exist. */
export async function readStateFile(filePath: string): Promise<SandboxState | null> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StateFileError(filePath, `it cannot be read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(filePath, `it is not valid JSON: ${(error as Error).message}`);
  }
  const problem = describeShapeProblem(value);
  if (problem) throw new StateFileError(filePath, problem);
  return value as SandboxState;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** Builds the first state when no state file exists yet. */
  createInitialState: () => SandboxState;
  timings: DeletionTimings;
}

export class SandboxStore implements SandboxStoreApi {
  timings: DeletionTimings;
  accessAdvisor: AccessAdvisorSettings = { ...DEFAULT_ACCESS_ADVISOR_SETTINGS };
  private state: SandboxState;
  /** The JSON last written: what a failed mutation rolls back to. */
  private persistedJson: string;
  private queue: Promise<unknown> = Promise.resolve();
  private mutations = 0;

  private constructor(
    readonly filePath: string,
    state: SandboxState,
    persistedJson: string,
    timings: DeletionTimings,
  ) {
    this.state = state;
    this.persistedJson = persistedJson;
    this.timings = timings;
  }

  /** Loads `<dataDir>/state.json`, or creates it from the initial state. A corrupt file is an error, never wiped. */
  static async open(options: OpenStoreOptions): Promise<SandboxStore> {
    const filePath = path.resolve(options.dataDir, STATE_FILE_NAME);
    const loaded = await readStateFile(filePath);
    if (loaded) return new SandboxStore(filePath, loaded, JSON.stringify(loaded), { ...options.timings });
    const initial = options.createInitialState();
    const json = JSON.stringify(initial);
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFileAtomic(filePath, json);
    return new SandboxStore(filePath, initial, json, { ...options.timings });
  }

  read<T>(fn: (state: SandboxState) => T): T {
    return fn(this.state);
  }

  get version(): number {
    return this.mutations;
  }

  /**
   * Runs `fn` on the live state, then writes the state file, one mutation after another. If `fn` throws or the
   * write fails, the state returns to what was last written and the error is passed on.
   */
  mutate<T>(fn: (state: SandboxState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      let result: T;
      let json: string;
      // Counted before the state changes, so no read in between can take a stale index for the new state.
      this.mutations += 1;
      try {
        result = fn(this.state);
        json = JSON.stringify(this.state);
      } catch (error) {
        this.state = JSON.parse(this.persistedJson) as SandboxState;
        throw error;
      }
      if (json === this.persistedJson) return result;
      try {
        await writeFileAtomic(this.filePath, json);
      } catch (error) {
        this.state = JSON.parse(this.persistedJson) as SandboxState;
        throw new Error(`Could not write the sandbox state file ${this.filePath}: ${(error as Error).message}`, { cause: error });
      }
      this.persistedJson = json;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Replaces the whole state (a reset to a scenario), in turn with other mutations. */
  replace(state: SandboxState): Promise<void> {
    return this.mutate((current) => {
      for (const key of Object.keys(current) as Array<keyof SandboxState>) delete current[key];
      Object.assign(current, state);
    });
  }

  /** Resolves once every mutation queued so far is written. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
