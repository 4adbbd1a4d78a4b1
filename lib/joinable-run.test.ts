import { describe, expect, it } from 'vitest';
import { getRunningTask, joinRun, runAlone, type RunDefinition } from '@/lib/joinable-run';

// The one "join a running task" mechanism behind the audit and the organization audit.

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function defineTask(id: string, gate: Promise<string>, started: string[]): () => RunDefinition<string, string> {
  return () => {
    started.push(id);
    return {
      id,
      work: async (emit) => {
        emit(`${id}:first`);
        const value = await gate;
        emit(`${id}:last`);
        return value;
      },
      toFailureEvent: (error) => `${id}:failed:${error instanceof Error ? error.message : String(error)}`,
    };
  };
}

describe('joinRun', () => {
  it('lets a second caller join the running task: one start, the events so far replayed, the same result', async () => {
    const gate = deferred<string>();
    const started: string[] = [];
    const firstEvents: string[] = [];
    const secondEvents: string[] = [];
    const first = joinRun('running-audit', defineTask('a', gate.promise, started), (event) => firstEvents.push(event));
    const second = joinRun('running-audit', defineTask('b', gate.promise, started), (event) => secondEvents.push(event));
    expect(getRunningTask<string>('running-audit')).toEqual({ id: 'a', events: ['a:first'] });
    gate.resolve('done');
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(started).toEqual(['a']);
    expect(firstEvents).toEqual(['a:first', 'a:last']);
    expect(secondEvents).toEqual(['a:first', 'a:last']);
    // Once it has ended, the next call starts a new task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(getRunningTask('running-audit')).toBeNull();
    expect(await joinRun('running-audit', defineTask('c', Promise.resolve('again'), started))).toBe('again');
    expect(started).toEqual(['a', 'c']);
  });

  it('keeps tasks of different names apart', async () => {
    const gate = deferred<string>();
    const started: string[] = [];
    const audit = joinRun('running-audit', defineTask('audit', gate.promise, started));
    const org = joinRun('running-org-audit', defineTask('org', gate.promise, started));
    expect(getRunningTask('running-audit')?.id).toBe('audit');
    expect(getRunningTask('running-org-audit')?.id).toBe('org');
    gate.resolve('ok');
    await Promise.all([audit, org]);
    expect(started).toEqual(['audit', 'org']);
  });

  it('ends a failed task with its failure event for every listener, and rejects every caller', async () => {
    const gate = deferred<string>();
    const events: string[] = [];
    const first = joinRun('running-org-audit', defineTask('f', gate.promise, []), (event) => events.push(event));
    const second = joinRun('running-org-audit', defineTask('g', gate.promise, []));
    gate.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await expect(second).rejects.toThrow('boom');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['f:first', 'f:failed:boom']);
    expect(getRunningTask('running-org-audit')).toBeNull();
  });

  it('keeps a task and its other listeners going when one listener throws', async () => {
    const gate = deferred<string>();
    const events: string[] = [];
    const failing = joinRun('running-audit', defineTask('l', gate.promise, []), () => {
      throw new Error('closed stream');
    });
    const healthy = joinRun('running-audit', defineTask('m', gate.promise, []), (event) => events.push(event));
    gate.resolve('fine');
    expect(await Promise.all([failing, healthy])).toEqual(['fine', 'fine']);
    expect(events).toEqual(['l:first', 'l:last']);
  });
});

describe('runAlone', () => {
  it('runs a task of its own that is never joined nor listed as running', async () => {
    const gate = deferred<string>();
    const started: string[] = [];
    const alone = runAlone(defineTask('solo', gate.promise, started)());
    const joined = joinRun('running-audit', defineTask('shared', Promise.resolve('shared'), started));
    expect(getRunningTask('running-audit')?.id).toBe('shared');
    expect(await joined).toBe('shared');
    gate.resolve('solo');
    expect(await alone).toBe('solo');
    expect(started).toEqual(['solo', 'shared']);
  });
});
