import clsx from 'clsx';
import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import { IMPACTS } from '@/lib/graph/types';

// The legend: each impact with the very classes its nodes use, plus the dashed border of unreadable regions.

export function GraphLegend() {
  return (
    <section aria-labelledby="graph-legend-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="graph-legend-heading" className="text-sm font-semibold text-slate-900">
        Legend
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {IMPACTS.map((impact) => {
          const style = IMPACT_STYLES[impact];
          return (
            <li key={impact} data-impact={impact} className="flex items-start gap-2">
              <span aria-hidden="true" data-legend-swatch={impact} className={clsx('mt-0.5 inline-block h-4 w-7 shrink-0 rounded', style.boxClassName)} />
              <span>
                <span className="font-medium text-slate-900">{style.label}</span>
                <span className="text-slate-600"> — {style.description}</span>
              </span>
            </li>
          );
        })}
        <li data-impact="uncertain" className="flex items-start gap-2">
          <span aria-hidden="true" className="mt-0.5 inline-block h-4 w-7 shrink-0 rounded border-2 border-dashed border-slate-600 bg-white" />
          <span>
            <span className="font-medium text-slate-900">Dashed border or edge</span>
            <span className="text-slate-600"> — in a region that could not be fully read</span>
          </span>
        </li>
      </ul>
    </section>
  );
}
