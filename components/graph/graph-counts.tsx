import type { GraphCounts } from '@/lib/graph/types';
import { formatCount, plural, pluralize } from '@/lib/format/count';

// The figures beside the graph: what blocks deletion, what loses data, what is unaffected, what is unknown.

export function GraphCountsList({ counts }: { counts: GraphCounts }) {
  const items = [
    {
      term: 'Blockers',
      value: counts.blockers,
      note: `${plural(counts.blockers, 'task')} relying on the role, in ${pluralize(counts.blockingWindows, 'window')} across ${pluralize(counts.blockingRegions, 'region')}`,
      className: 'border-red-300 bg-red-50 text-red-950',
    },
    { term: 'Data-impact items', value: counts.dataImpact, note: 'inventory associations and data syncs', className: 'border-amber-300 bg-amber-50 text-amber-950' },
    { term: 'Unaffected', value: counts.unaffected, note: 'tasks on custom roles', className: 'border-slate-200 bg-slate-50 text-slate-700' },
    {
      term: 'Unknown regions',
      value: counts.unknownRegions,
      note: 'could not be read',
      className: counts.unknownRegions > 0 ? 'border-violet-400 border-dashed bg-violet-50 text-violet-950' : 'border-slate-200 bg-slate-50 text-slate-700',
    },
  ];
  return (
    <dl aria-label="Graph counts" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.term} className={`rounded-lg border-2 px-4 py-3 ${item.className}`}>
          <dt className="text-xs font-semibold tracking-wide uppercase">{item.term}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-count={item.term}>
            {formatCount(item.value)}
          </dd>
          <dd className="text-xs">{item.note}</dd>
        </div>
      ))}
    </dl>
  );
}
