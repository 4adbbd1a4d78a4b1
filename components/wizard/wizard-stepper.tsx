import clsx from 'clsx';
import Link from 'next/link';
import { getStepHref, WIZARD_STEPS, type WizardStepId } from '@/lib/deletion/wizard';

// The wizard's progress: an ordered list of steps, the current one marked with aria-current="step".

export function WizardStepper({
  current,
  reachable,
  memberAccountId,
}: {
  current: WizardStepId;
  reachable: ReadonlySet<WizardStepId>;
  /** The member account the wizard acts in; absent for the dashboard's own account. */
  memberAccountId?: string;
}) {
  const currentIndex = WIZARD_STEPS.findIndex((step) => step.id === current);
  return (
    <nav aria-label="Deletion steps" className="mb-6">
      <ol className="grid gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {WIZARD_STEPS.map((step, index) => {
          const isCurrent = step.id === current;
          const isDone = index < currentIndex;
          const content = (
            <>
              <span
                aria-hidden="true"
                className={clsx(
                  'flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
                  isCurrent ? 'bg-indigo-600 text-white' : isDone ? 'bg-indigo-100 text-indigo-800' : 'bg-slate-100 text-slate-600',
                )}
              >
                {index + 1}
              </span>
              <span className="min-w-0">
                <span className="block text-sm font-medium">{step.label}</span>
                <span className={clsx('block text-xs', isCurrent ? 'text-indigo-800' : 'text-slate-600')}>{step.description}</span>
              </span>
            </>
          );
          const classes = clsx(
            'flex h-full items-start gap-2 rounded-md border px-3 py-2',
            isCurrent ? 'border-indigo-500 bg-indigo-50 text-indigo-900' : 'border-slate-200 bg-white text-slate-700',
          );
          return (
            <li key={step.id} aria-current={isCurrent ? 'step' : undefined}>
              {reachable.has(step.id) && !isCurrent ? (
                <Link href={getStepHref(step.id, {}, memberAccountId)} className={clsx(classes, 'hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600')}>
                  {content}
                </Link>
              ) : (
                <div className={clsx(classes, !reachable.has(step.id) && !isCurrent && 'border-dashed bg-slate-50')}>{content}</div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
