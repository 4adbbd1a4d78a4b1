import type { Impact } from '@/lib/graph/types';

// One set of styles per impact, used by the nodes, the edges, the minimap and the legend alike, so the legend
// always shows exactly what the graph draws. Meaning never rests on colour alone: each node also says it in words.

export interface ImpactStyle {
  label: string;
  description: string;
  /** Tailwind classes of a node's box (and the legend's swatch). */
  boxClassName: string;
  badgeClassName: string;
  /** Stroke of edges leading to such nodes, and the minimap fill. */
  color: string;
}

export const IMPACT_STYLES: Record<Impact, ImpactStyle> = {
  blocker: {
    label: 'Blocks deletion',
    description: 'Maintenance-window tasks that run as the role, and the windows, regions and capability that hold them',
    boxClassName: 'border-2 border-red-600 bg-red-50 text-red-950',
    badgeClassName: 'bg-red-600 text-white',
    color: '#dc2626',
  },
  'data-loss': {
    label: 'Loses data',
    description: 'Inventory associations and their tag and resource-group targets, and Explorer data syncs',
    boxClassName: 'border-2 border-amber-500 bg-amber-50 text-amber-950',
    badgeClassName: 'bg-amber-500 text-amber-950',
    color: '#f59e0b',
  },
  unaffected: {
    label: 'Unaffected',
    description: 'Tasks on their own (custom) role, and windows holding only such tasks',
    boxClassName: 'border-2 border-slate-300 bg-slate-50 text-slate-600',
    badgeClassName: 'bg-slate-200 text-slate-700',
    color: '#94a3b8',
  },
  unknown: {
    label: 'Unknown',
    description: 'Regions that could not be read: anything could be there, so they are never shown as clean',
    boxClassName: 'border-2 border-dashed border-violet-600 bg-violet-50 text-violet-950',
    badgeClassName: 'bg-violet-600 text-white',
    color: '#7c3aed',
  },
  neutral: {
    label: 'Context',
    description: 'The role, and capabilities with nothing in them',
    boxClassName: 'border-2 border-slate-500 bg-white text-slate-900',
    badgeClassName: 'bg-slate-100 text-slate-700',
    color: '#64748b',
  },
};

/** Nodes of an unreadable region keep their impact colour but get a dashed border. */
export const UNCERTAIN_CLASS_NAME = 'border-dashed';
