import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DELETION_TIMINGS } from './config';
import { createRoleRecord } from './iam-model';
import { SandboxStore, STATE_FILE_NAME } from './store';
import { createDataDir, createTestState } from './test-support';

const ACCOUNT = '123456789012';
let dataDir: string | undefined;

afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function openStore(): Promise<SandboxStore> {
  dataDir = await createDataDir();
  return SandboxStore.open({ dataDir, createInitialState: () => createTestState(), timings: DEFAULT_DELETION_TIMINGS });
}

function addRole(store: SandboxStore, name: string): Promise<void> {
  return store.mutate((state) => {
    state.accounts[ACCOUNT]!.iam.roles[name] = createRoleRecord({ accountId: ACCOUNT, roleName: name, createDate: '2026-01-01T00:00:00Z' });
  });
}

describe('SandboxStore', () => {
  it('writes the initial state when no file exists', async () => {
    const store = await openStore();
    const saved = JSON.parse(await readFile(store.filePath, 'utf8'));
    expect(saved.scenario).toBe('test');
    expect(store.filePath).toBe(path.resolve(dataDir!, STATE_FILE_NAME));
  });

  it('applies 200 concurrent mutations without losing one, in memory and on disk', async () => {
    const store = await openStore();
    await Promise.all(Array.from({ length: 200 }, (_, index) => addRole(store, `Concurrent${index}`)));
    expect(store.read((state) => Object.keys(state.accounts[ACCOUNT]!.iam.roles).length)).toBe(201);
    const saved = JSON.parse(await readFile(store.filePath, 'utf8'));
    expect(Object.keys(saved.accounts[ACCOUNT].iam.roles)).toHaveLength(201);
  });

  it('rolls a failed mutation back to the last written state and carries on', async () => {
    const store = await openStore();
    await addRole(store, 'Kept');
    await expect(
      store.mutate((state) => {
        state.accounts[ACCOUNT]!.iam.roles.Half = createRoleRecord({ accountId: ACCOUNT, roleName: 'Half', createDate: '2026-01-01T00:00:00Z' });
        throw new Error('validation failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(store.read((state) => Object.keys(state.accounts[ACCOUNT]!.iam.roles).sort())).toEqual(['AWSServiceRoleForAmazonSSM', 'Kept']);
    await addRole(store, 'After');
    expect(store.read((state) => 'After' in state.accounts[ACCOUNT]!.iam.roles)).toBe(true);
  });

  it('reopens what it wrote', async () => {
    const store = await openStore();
    await addRole(store, 'Persisted');
    await store.flush();
    const reopened = await SandboxStore.open({ dataDir: dataDir!, createInitialState: () => createTestState({ hasRole: false }), timings: DEFAULT_DELETION_TIMINGS });
    expect(reopened.read((state) => Object.keys(state.accounts[ACCOUNT]!.iam.roles).sort())).toEqual(['AWSServiceRoleForAmazonSSM', 'Persisted']);
  });
});
