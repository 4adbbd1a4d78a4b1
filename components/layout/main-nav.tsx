'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { ACCOUNT_PARAM, withAccount } from '@/lib/org/account-href';

// The dashboard's sections. The current one is marked with aria-current. While a page shows a member account
// (`?account=`), every section's link stays in that account; the organization page is the organization's own.

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

/** The links, for a member account's id or none; `MainNav` reads the id from the URL. */
export function MainNavLinks({ isOrganizationMode = false, memberAccountId }: { isOrganizationMode?: boolean; memberAccountId?: string | null }) {
  const pathname = usePathname() ?? '/';
  const items = isOrganizationMode ? [ORGANIZATION_ITEM, ...NAV_ITEMS] : NAV_ITEMS;
  return (
    <nav aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const current = isCurrent(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href === ORGANIZATION_ITEM.href ? item.href : withAccount(item.href, memberAccountId)}
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

export function MainNav({ isOrganizationMode = false }: { isOrganizationMode?: boolean }) {
  const memberAccountId = useSearchParams().get(ACCOUNT_PARAM);
  return <MainNavLinks isOrganizationMode={isOrganizationMode} memberAccountId={isOrganizationMode ? memberAccountId : null} />;
}
