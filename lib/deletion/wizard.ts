import { getPollDelayMs, isFinished, isLongRunning, type DeletionRecord } from '@/lib/deletion/machine';
import type { DeletionPlan } from '@/lib/deletion/plan';
import { withAccount } from '@/lib/org/account-href';

// The delete wizard's decisions, in one place for the page, the components and the actions: its steps, where it
// opens, which steps can be reached, what the confirmation warns about, whether the data impact needs an
// acknowledgement, and when the browser polls the deletion next. Plain data; no AWS call.

export const WIZARD_STEPS = [
  { id: 'preflight', label: 'Preflight', description: 'Fresh audit, last use, permissions' },
  { id: 'blockers', label: 'Blockers', description: 'Move or deregister tasks' },
  { id: 'data', label: 'Data impact', description: 'Inventory and data syncs' },
  { id: 'confirm', label: 'Confirm', description: 'Summary and typed name' },
  { id: 'delete', label: 'Delete', description: 'Deletion task and timeline' },
  { id: 'after', label: 'After', description: 'Gone, or bring it back' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];

export function parseWizardStep(value: string | string[] | undefined): WizardStepId | null {
  const text = Array.isArray(value) ? value[0] : value;
  return WIZARD_STEPS.find((step) => step.id === text)?.id ?? null;
}

/** A wizard step's address; for a member account (`memberAccountId`) it keeps the account in the URL. */
export function getStepHref(step: WizardStepId, extra: Record<string, string> = {}, memberAccountId?: string): string {
  const params = new URLSearchParams({ step, ...extra });
  return withAccount(`/delete?${params.toString()}`, memberAccountId);
}

/** What the deletion step shows and when the browser asks for the next poll (null once the deletion is final). */
export interface DeletionView {
  record: DeletionRecord | null;
  nextPollInMs: number | null;
  isLongRunning: boolean;
}

/** A page opened on a running deletion polls within this long, whatever the backoff had reached. */
const RESUME_POLL_DELAY_MS = 1_000;

/**
 * The one rule for the next poll: the machine's backoff after a poll; on opening the page (`isResuming`), no
 * later than a second, so a deletion left alone is brought up to date at once.
 */
export function getDeletionView(record: DeletionRecord | null, now: Date, options: { isResuming?: boolean } = {}): DeletionView {
  const delay = record && !isFinished(record) ? getPollDelayMs(record) : null;
  return {
    record,
    nextPollInMs: delay !== null && options.isResuming ? Math.min(delay, RESUME_POLL_DELAY_MS) : delay,
    isLongRunning: record ? isLongRunning(record, now) : false,
  };
}

/** Whether deleting the role stops inventory associations or Explorer data syncs found by the last audit. */
export function hasDataImpact(plan: DeletionPlan | null): boolean {
  return plan?.requiresDataAcknowledgement ?? false;
}

/**
 * Whether the deletion waits for the data-impact acknowledgement: when the last audit found something that stops,
 * and when no audit is stored, since then the impact is unknown rather than none.
 */
export function requiresDataImpactAcknowledgement(plan: DeletionPlan | null): boolean {
  return plan === null || hasDataImpact(plan);
}

export interface WizardLayout {
  step: WizardStepId;
  reachable: ReadonlySet<WizardStepId>;
  /** The role is absent while a step about deleting it is shown. */
  isRoleAbsentNoticeShown: boolean;
  /** Every step after the preflight changes something: read-only mode covers it. */
  isChangeStep: boolean;
}

/**
 * Where the wizard stands. Without a requested step it opens on an unfinished or failed deletion first, then on
 * the preflight, or on "after" when the role is gone.
 */
export function getWizardLayout(requested: WizardStepId | null, record: DeletionRecord | null, isRolePresent: boolean): WizardLayout {
  const step: WizardStepId =
    requested ?? (record && (!isFinished(record) || record.phase === 'failed') ? 'delete' : isRolePresent ? 'preflight' : 'after');
  const reachable = new Set<WizardStepId>(isRolePresent ? ['preflight', 'blockers', 'data', 'confirm'] : []);
  if (record !== null) reachable.add('delete');
  if (!isRolePresent) reachable.add('after');
  return {
    step,
    reachable,
    isRoleAbsentNoticeShown: !isRolePresent && step !== 'delete' && step !== 'after',
    isChangeStep: step !== 'preflight',
  };
}

/** The confirmation's warnings: what the last audit could not rule out, and what creates the role again. */
export function getConfirmWarnings(plan: DeletionPlan | null, isAuditStale: boolean): string[] {
  const warnings: string[] = [];
  if (!plan) warnings.push('No audit has been run: what relies on the role is unknown.');
  else {
    if (plan.blockerCount > 0) {
      warnings.push(
        `The last audit found ${plan.blockerCount} task(s) relying on the role${isAuditStale ? ' (changes made since are not in it)' : ''}. If any is left, IAM will answer FAILED and list it.`,
      );
    }
    if (plan.unknownRegions.length > 0) {
      warnings.push(
        `${plan.unknownRegions.length} region(s) could not be read (${plan.unknownRegions.map((item) => item.region).join(', ')}): something there may still use the role.`,
      );
    }
  }
  warnings.push('Registering a maintenance-window task without a role, or setting up Inventory or Explorer, creates the role again.');
  return warnings;
}

/** The confirmation's one-line summary of the data impact. */
export function describeDataImpact(plan: DeletionPlan | null): string {
  if (plan === null) return 'unknown: no audit is stored';
  const stoppingSyncs = plan.dataSyncs.filter((sync) => sync.stopsWithRole).length;
  return hasDataImpact(plan) ? `${plan.inventory.length} inventory association(s), ${stoppingSyncs} Explorer data sync(s) stop` : 'none found';
}
