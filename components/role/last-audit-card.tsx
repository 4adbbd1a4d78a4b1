import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import type { AuditSnapshot } from '@/lib/audit/store';
import { withAccount } from '@/lib/org/account-href';
import { pluralize } from '@/lib/format/count';

// The overview's answer to "what relies on it?": the last region audit's verdict, or an invitation to run one.

function describeVerdict(snapshot: AuditSnapshot): { tone: Tone; label: string; text: string } {
  const { verdict } = snapshot.audit;
  if (verdict.kind === 'safe') return { tone: 'success', label: 'Safe', text: 'No region relies on the role in a way that blocks deletion.' };
  if (verdict.kind === 'blocked') {
    return {
      tone: 'danger',
      label: 'Blocked',
      text: `${pluralize(verdict.blockingTasks, 'maintenance-window task')} in ${verdict.blockingRegions.join(', ')} rely on the role.`,
    };
  }
  return { tone: 'warning', label: 'Unknown', text: `${verdict.unknownRegions.length} region(s) could not be read, so deletion cannot be called safe.` };
}

/** `memberAccountId`: a member account's audit, from the last organization audit; its links stay in that account. */
export function LastAuditCard({ snapshot, accountId, memberAccountId }: { snapshot: AuditSnapshot | null; accountId: string; memberAccountId?: string }) {
  const action = (
    <Link href={withAccount('/regions', memberAccountId)} className="text-sm font-medium text-indigo-700 underline">
      {snapshot ? 'Open the region audit' : memberAccountId ? 'Open the regions' : 'Run a region audit'}
    </Link>
  );
  if (!snapshot) {
    return (
      <Card title="What relies on it" actions={action}>
        <p className="text-sm text-slate-600">{memberAccountId ? 'The last organization audit holds no region audit of this account. ' : 'No region audit yet. '}An audit scans every region for tasks, inventory, Explorer syncs, groups and tags that use the role.</p>
      </Card>
    );
  }
  const verdict = describeVerdict(snapshot);
  const isOtherAccount = snapshot.audit.target.accountId !== accountId;
  return (
    <Card title="What relies on it" actions={action}>
      <div className="space-y-2 text-sm text-slate-700">
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={verdict.tone}>{verdict.label}</Badge>
          {verdict.text}
        </p>
        <p className="text-slate-500">
          Last audit finished <DateTime iso={snapshot.audit.finishedAt} />, {snapshot.audit.regions.length} regions.
          {snapshot.isStale && snapshot.staleReason ? ` ${snapshot.staleReason}: run it again before acting on it.` : ''}
        </p>
        {isOtherAccount ? (
          <p className="text-amber-800">That audit was of account {snapshot.audit.target.accountId}, not the account shown above.</p>
        ) : null}
      </div>
    </Card>
  );
}
