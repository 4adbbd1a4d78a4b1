'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The dashboard's sections. The current one is marked with aria-current.

export const NAV_ITEMS = [
  { href: '/', label: 'Overview' },
  { href: '/role', label: 'Role' },
  { href: '/regions', label: 'Regions' },
  { href: '/graph', label: 'Graph' },
  { href: '/delete', label: 'Delete' },
  { href: '/activity', label: 'Activity' },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The organization page comes first in organization mode, and is absent otherwise. */
const ORGANIZATION_ITEM = { href: '/accounts', label: 'Accounts' } as const;

export function MainNav({ isOrganizationMode = false }: { isOrganizationMode?: boolean }) {
  const pathname = usePathname() ?? '/';
  const items = isOrganizationMode ? [ORGANIZATION_ITEM, ...NAV_ITEMS] : NAV_ITEMS;
  return (
    <nav aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const current = isCurrent(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? 'page' : undefined}
            className={clsx(
              'border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
              current ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
