import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import type { WatchChangeKind } from '@/lib/watch/compare';
import { formatWatchInterval } from '@/lib/watch/interval';
import type { WatchOverview } from '@/lib/watch/view';

// The overview's "changes since" panel: what the watch saw since the deletion (or its first run), and when it ran.

const KIND_LABELS: Record<WatchChangeKind, { label: string; tone: Tone }> = {
  'role-recreated': { label: 'Role recreated', tone: 'danger' },
  'task-added': { label: 'New task on the role', tone: 'danger' },
  'blocker-removed': { label: 'Blocker gone', tone: 'success' },
  'region-unreadable': { label: 'Region unreadable', tone: 'warning' },
  'account-unreadable': { label: 'Account unreadable', tone: 'warning' },
  'data-impact-added': { label: 'New data impact', tone: 'info' },
};

export function WatchPanel({ overview }: { overview: WatchOverview }) {
  const { lastRun, since, sinceLabel, changes, configuredEveryMs } = overview;
  if (!lastRun || !since) {
    return (
      <Card title="Watch">
        <p className="text-sm text-slate-600">
          {configuredEveryMs
            ? `The watch runs every ${formatWatchInterval(configuredEveryMs)}; its first run has not finished yet.`
            : 'The watch has not run. Set ATLAS_WATCH_EVERY (e.g. 15m), or run `ssm-role-atlas watch`, to be told when the role comes back or a task starts relying on it.'}
        </p>
      </Card>
    );
  }
  return (
    <Card
      title={`Changes since ${sinceLabel}`}
      description={
        <>
          Since <DateTime iso={since} />. The watch last ran <DateTime iso={lastRun.ranAt} />
          {lastRun.everyMs ? `, every ${formatWatchInterval(lastRun.everyMs)}` : ', once'}, from the {lastRun.source === 'cli' ? 'command line' : 'dashboard'}: {lastRun.message}
        </>
      }
    >
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">No change since then.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Changes the watch saw">
          {changes.map((change) => (
            <li key={change.key} className="flex flex-wrap items-start gap-2 py-2">
              <Badge tone={KIND_LABELS[change.kind].tone}>{KIND_LABELS[change.kind].label}</Badge>
              <span className="min-w-0 flex-1 text-slate-700">{change.summary}</span>
              <span className="text-xs text-slate-500">
                <DateTime iso={change.detectedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
