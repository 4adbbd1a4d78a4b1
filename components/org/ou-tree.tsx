import type { AccountOverview, OrgStructureSummary } from '@/lib/org/summary';
import type { OrgUnitNode } from '@/lib/org/types';
import { Badge } from '@/components/ui/badge';
import { VERDICT_TONES } from '@/components/org/org-styles';
import { ACCOUNT_VERDICT_LABELS } from '@/lib/org/summary';

// The organization's roots and units as a nested list, each account with its verdict.

function UnitNode({ node, byId }: { node: OrgUnitNode; byId: Map<string, AccountOverview> }) {
  return (
    <li className="mt-1">
      <span className="text-sm font-medium text-slate-800">{node.name}</span>{' '}
      <span className="text-xs text-slate-500">{node.kind === 'root' ? node.id : `organizational unit ${node.id}`}</span>
      <ul className="ml-4 border-l border-slate-200 pl-3">
        {node.accountIds.map((id) => {
          const account = byId.get(id);
          return (
            <li key={id} className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span>{account?.name ?? id}</span>
              <span className="font-mono text-xs text-slate-500">{id}</span>
              {account ? <Badge tone={VERDICT_TONES[account.verdict]}>{ACCOUNT_VERDICT_LABELS[account.verdict]}</Badge> : null}
            </li>
          );
        })}
        {node.children.map((child) => (
          <UnitNode key={child.id} node={child} byId={byId} />
        ))}
      </ul>
    </li>
  );
}

export function OuTree({ structure, accounts }: { structure: OrgStructureSummary; accounts: AccountOverview[] }) {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  return (
    <ul aria-label="Organizational units">
      {structure.tree.map((root) => (
        <UnitNode key={root.id} node={root} byId={byId} />
      ))}
    </ul>
  );
}
