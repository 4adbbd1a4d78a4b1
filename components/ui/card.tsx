import clsx from 'clsx';
import type { ReactNode } from 'react';

// A titled panel: the basic block of every page.

/**
 * For a long card below the fold: the browser skips its style, layout and paint until it nears the viewport (it
 * stays in the accessibility tree and in find-in-page). The intrinsic size keeps the scrollbar steady meanwhile.
 */
export const DEFERRED_RENDERING = '[content-visibility:auto] [contain-intrinsic-size:auto_1200px]';

export function Card({
  title,
  description,
  actions,
  children,
  className,
  headingLevel = 2,
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // A titled card is a named region, so it can be found by its title.
  const headingId = typeof title === 'string' ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : undefined;
  return (
    <section aria-labelledby={headingId} className={clsx('rounded-lg border border-slate-200 bg-white shadow-sm', className)}>
      {title || actions ? (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            {title ? <Heading id={headingId} className="text-base font-semibold text-slate-900">{title}</Heading> : null}
            {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
