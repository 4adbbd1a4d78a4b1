import clsx from 'clsx';
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

// A plain data table: wrap in <Table caption="…"> and use Th/Td inside <thead>/<tbody> rows.

export function Table({
  caption,
  children,
  className,
  isFixedLayout = false,
}: {
  caption?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Column widths from the header cells, so sibling tables line up. */
  isFixedLayout?: boolean;
}) {
  return (
    <div className={clsx('overflow-x-auto', className)}>
      <table className={clsx('min-w-full divide-y divide-slate-200 text-left text-sm', isFixedLayout && 'table-fixed')}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={clsx('px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase', className)} {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx('px-3 py-2 align-top text-slate-800', className)} {...props} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}
