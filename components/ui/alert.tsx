import clsx from 'clsx';
import type { ReactNode } from 'react';
import type { Tone } from './badge';

// A notice box. `urgent` makes it a live alert for screen readers; use it for errors only.

const toneClasses: Record<Tone, string> = {
  neutral: 'border-slate-200 bg-slate-50 text-slate-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  danger: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
};

export function Alert({
  tone = 'info',
  title,
  children,
  urgent = false,
  className,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  urgent?: boolean;
  className?: string;
}) {
  return (
    <div role={urgent ? 'alert' : 'note'} className={clsx('rounded-md border px-4 py-3 text-sm', toneClasses[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={clsx(title ? 'mt-1' : undefined, 'space-y-2')}>{children}</div> : null}
    </div>
  );
}
