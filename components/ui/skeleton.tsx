import clsx from 'clsx';

// Grey placeholders shown while slow data loads.

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={clsx('animate-pulse rounded bg-slate-200', className)} />;
}

export function CardSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <div aria-hidden="true" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <Skeleton className="h-5 w-48" />
      <div className="mt-4 space-y-3">
        {Array.from({ length: lines }, (_, index) => (
          <Skeleton key={index} className={clsx('h-4', index % 2 === 0 ? 'w-3/4' : 'w-1/2')} />
        ))}
      </div>
    </div>
  );
}

/** A page's placeholder: its title's bar, unless the page has already drawn its header (`hasTitle` false). */
export function PageSkeleton({ label, cards = 2, hasTitle = true }: { label: string; cards?: number; hasTitle?: boolean }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{label}</span>
      {hasTitle ? <Skeleton className="h-8 w-72" /> : null}
      {Array.from({ length: cards }, (_, index) => (
        <CardSkeleton key={index} />
      ))}
    </div>
  );
}
