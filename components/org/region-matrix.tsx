import clsx from 'clsx';
import Link from 'next/link';
import { CELL_CLASSES } from '@/components/org/org-styles';
import { getAccountHref } from '@/lib/org/account-href';
import { CELL_STATE_LABELS, getCellState, type AccountOverview, type CellState } from '@/lib/org/summary';
import { pluralize } from '@/lib/format/count';

// The accounts × regions heat map, one block per organizational unit so that 200 accounts stay readable. Each
// cell links to that account's page for that region.

const LEGEND_ORDER: CellState[] = ['blocked', 'data-impact', 'clean', 'not-enabled', 'unknown', 'skipped'];

export function MatrixLegend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {LEGEND_ORDER.map((state) => (
        <li key={state} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={clsx('inline-block h-3.5 w-3.5 rounded-sm', CELL_CLASSES[state])} />
          {CELL_STATE_LABELS[state]}
        </li>
      ))}
    </ul>
  );
}

function groupByUnit(accounts: AccountOverview[]): Array<{ unit: string; accounts: AccountOverview[] }> {
  const groups = new Map<string, AccountOverview[]>();
  for (const account of accounts) {
    const unit = account.ouPath || 'Root';
    groups.set(unit, [...(groups.get(unit) ?? []), account]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === 'Root' ? -1 : b === 'Root' ? 1 : a.localeCompare(b))).map(([unit, members]) => ({ unit, accounts: members }));
}

export function RegionMatrix({ accounts, regions }: { accounts: AccountOverview[]; regions: string[] }) {
  if (regions.length === 0) {
    return <p className="text-sm text-slate-600">No account has been read yet: the matrix fills in as accounts finish.</p>;
  }
  return (
    <div className="space-y-3">
      <MatrixLegend />
      {groupByUnit(accounts).map((group) => (
        <details key={group.unit} open className="rounded-md border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
            {group.unit} <span className="font-normal text-slate-500">({pluralize(group.accounts.length, 'account')})</span>
          </summary>
          <div className="overflow-x-auto px-3 pb-3">
            <table className="border-separate border-spacing-0.5 text-xs" aria-label={`Regions of the accounts in ${group.unit}`}>
              <thead>
                <tr>
                  <th scope="col" className="sr-only">
                    Account
                  </th>
                  {regions.map((region) => (
                    <th key={region} scope="col" className="relative h-24 w-5 min-w-5 p-0 font-normal text-slate-500">
                      {/* Taken out of the flow, so that the column is as narrow as its cells. */}
                      <span className="absolute bottom-1 left-2 origin-bottom-left -rotate-60 whitespace-nowrap">{region}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {group.accounts.map((account) => (
                  <tr key={account.id}>
                    <th scope="row" className="max-w-56 truncate pr-2 text-left font-normal text-slate-700" title={`${account.name} (${account.id})`}>
                      {account.name}
                    </th>
                    {regions.map((region) => {
                      const state = getCellState(account, region);
                      return (
                        <td key={region} className="p-0">
                          <Link
                            href={getAccountHref(`/regions/${region}`, account.id, account.isCaller)}
                            prefetch={false}
                            aria-label={`${account.name} (${account.id}), ${region}: ${CELL_STATE_LABELS[state]}`}
                            title={`${account.name}, ${region}: ${CELL_STATE_LABELS[state]}`}
                            data-state={state}
                            className={clsx('block h-4 w-5 rounded-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600', CELL_CLASSES[state])}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
