import { describe, expect, it } from 'vitest';
import { createAuditProgress } from '@/cli/progress';
import type { RegionAudit, RegionDescriptor } from '@/lib/audit/types';

function captureStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (text: string) => chunks.push(text) } };
}

const regions: RegionDescriptor[] = ['eu-west-1', 'us-east-1'].map((code) => ({ code, name: code, optInStatus: 'opt-in-not-required', isEnabled: true }));

function regionAudit(region: RegionDescriptor): RegionAudit {
  return { region, status: { kind: 'ok' }, findings: null, warnings: [], startedAt: '', finishedAt: '', callCount: 3 };
}

function play(progress: ReturnType<typeof createAuditProgress>) {
  progress.onEvent({ type: 'started', auditId: 'a', regions, startedAt: '' });
  progress.onEvent({ type: 'region', auditId: 'a', region: regionAudit(regions[0]!), done: 1, total: 2 });
  progress.onEvent({ type: 'region', auditId: 'a', region: regionAudit(regions[1]!), done: 2, total: 2 });
  progress.stop();
}

describe('audit progress', () => {
  it('redraws one bar in place on a terminal, with regions done, calls and elapsed time', () => {
    const { chunks, stream } = captureStream(true);
    let clock = 1_000;
    let calls = 0;
    const progress = createAuditProgress({ stream, getCalls: () => calls, now: () => clock, tickMs: 60_000 });
    calls = 40;
    clock = 3_500;
    play(progress);
    const frames = chunks.filter((chunk) => chunk.startsWith('\r'));
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.at(-1)).toContain('[########################] 2/2 regions · 40 calls · 2.5 s');
    expect(chunks.filter((chunk) => chunk.startsWith('\r')).some((frame) => frame.includes('[############------------] 1/2 regions'))).toBe(true);
    expect(chunks.at(-1)).toBe('\n');
    expect(chunks.join('')).not.toMatch(/\n.*\n/);
  });

  it('writes plain lines, one per region, when stderr is not a terminal', () => {
    const { chunks, stream } = captureStream(false);
    play(createAuditProgress({ stream, getCalls: () => 7, now: () => 0 }));
    expect(chunks).toEqual([
      'audit: starting\n',
      'audit: 2 regions to scan\n',
      'audit: 1/2 regions · eu-west-1 ok · 7 calls · 0.0 s\n',
      'audit: 2/2 regions · us-east-1 ok · 7 calls · 0.0 s\n',
    ]);
    expect(chunks.join('')).not.toContain('\r');
  });
});
