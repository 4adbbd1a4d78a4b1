import { describe, expect, it } from 'vitest';
import { applyDeletionEvent, type DeletionRecord } from '@/lib/deletion/machine';
import type { DeletionPlan } from '@/lib/deletion/plan';
import {
  describeDataImpact,
  getConfirmWarnings,
  getDeletionView,
  getWizardLayout,
  hasDataImpact,
  requiresDataImpactAcknowledgement,
} from '@/lib/deletion/wizard';

const TASK = 'task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/11111111-1111-4111-8111-111111111111';
const START = '2026-01-01T00:00:00.000Z';

function pending(polls: number): DeletionRecord {
  let record = applyDeletionEvent(null, { type: 'delete-requested', deletionTaskId: TASK, at: START });
  for (let index = 0; index < polls; index += 1) {
    record = applyDeletionEvent(record, { type: 'status', status: 'IN_PROGRESS', at: `2026-01-01T00:00:${String(index + 1).padStart(2, '0')}.000Z` });
  }
  return record;
}

function failed(): DeletionRecord {
  return applyDeletionEvent(pending(1), { type: 'status', status: 'FAILED', at: '2026-01-01T00:01:00.000Z' });
}

function plan(overrides: Partial<DeletionPlan> = {}): DeletionPlan {
  return {
    auditId: 'audit-1',
    scannedAt: START,
    roleExists: true,
    roleLastUsed: null,
    verdict: { kind: 'safe' },
    blockers: [],
    blockerCount: 0,
    inventory: [],
    dataSyncs: [],
    groupsAndTags: [],
    unknownRegions: [],
    requiresDataAcknowledgement: false,
    scannedRegionCount: 17,
    notEnabledRegionCount: 0,
    ...overrides,
  };
}

describe('wizard layout', () => {
  it('opens on an unfinished or failed deletion, else on the preflight, else (role gone) on "after"', () => {
    expect(getWizardLayout(null, pending(1), true).step).toBe('delete');
    expect(getWizardLayout(null, failed(), true).step).toBe('delete');
    expect(getWizardLayout(null, null, true).step).toBe('preflight');
    expect(getWizardLayout(null, null, false).step).toBe('after');
    expect(getWizardLayout('data', pending(1), true).step).toBe('data');
  });

  it('reaches the cleaning steps only while the role exists, and the deletion step only with a record', () => {
    expect([...getWizardLayout(null, null, true).reachable]).toEqual(['preflight', 'blockers', 'data', 'confirm']);
    expect([...getWizardLayout(null, failed(), true).reachable]).toEqual(['preflight', 'blockers', 'data', 'confirm', 'delete']);
    expect([...getWizardLayout(null, failed(), false).reachable]).toEqual(['delete', 'after']);
  });

  it('says the role is absent on the steps about deleting it, and guards every step after the preflight', () => {
    expect(getWizardLayout('confirm', null, false)).toMatchObject({ isRoleAbsentNoticeShown: true, isChangeStep: true });
    expect(getWizardLayout('after', null, false).isRoleAbsentNoticeShown).toBe(false);
    expect(getWizardLayout('preflight', null, true)).toMatchObject({ isRoleAbsentNoticeShown: false, isChangeStep: false });
  });
});

describe('deletion view', () => {
  it('polls on the machine\'s backoff, and within a second when the page opens on a running deletion', () => {
    const record = pending(6);
    const now = new Date('2026-01-01T00:00:30.000Z');
    // 1 s × 1.5^5, rounded.
    expect(getDeletionView(record, now).nextPollInMs).toBe(7_594);
    expect(getDeletionView(record, now, { isResuming: true }).nextPollInMs).toBe(1_000);
  });

  it('stops polling once the deletion is final, and flags one running for five minutes', () => {
    expect(getDeletionView(failed(), new Date('2026-01-01T01:00:00.000Z'))).toMatchObject({ nextPollInMs: null, isLongRunning: false });
    expect(getDeletionView(pending(1), new Date('2026-01-01T00:05:00.000Z')).isLongRunning).toBe(true);
    expect(getDeletionView(null, new Date())).toEqual({ record: null, nextPollInMs: null, isLongRunning: false });
  });
});

describe('confirmation', () => {
  it('takes the data impact from the plan', () => {
    expect(hasDataImpact(plan())).toBe(false);
    // The plan decides which syncs stop with the role (Explorer's); the wizard follows it.
    expect(hasDataImpact(plan({ requiresDataAcknowledgement: true }))).toBe(true);
  });

  it('requires the acknowledgement when data stops, and when no audit is stored (impact unknown, not none)', () => {
    expect(requiresDataImpactAcknowledgement(null)).toBe(true);
    expect(describeDataImpact(null)).toContain('unknown');
    expect(requiresDataImpactAcknowledgement(plan())).toBe(false);
    expect(requiresDataImpactAcknowledgement(plan({ requiresDataAcknowledgement: true }))).toBe(true);
  });

  it('warns of blockers left, of unreadable regions, and always of what creates the role again', () => {
    const warnings = getConfirmWarnings(
      plan({ blockerCount: 2, unknownRegions: [{ region: 'eu-west-2', regionName: 'Europe (London)', reason: 'denied' }] }),
      true,
    );
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('2 task(s)');
    expect(warnings[0]).toContain('changes made since are not in it');
    expect(warnings[1]).toContain('eu-west-2');
    expect(warnings[2]).toContain('creates the role again');
    expect(getConfirmWarnings(null, true)[0]).toContain('No audit has been run');
  });
});
