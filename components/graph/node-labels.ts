import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import type { GraphNodeKind, GraphNodeModel } from '@/lib/graph/types';

// Words for nodes, shared by the canvas and the side panel (kept apart from React Flow so the panel does not load it).

export const KIND_LABELS: Record<GraphNodeKind, string> = {
  role: 'Service-linked role',
  capability: 'Capability',
  region: 'Region',
  window: 'Maintenance window',
  'window-group': 'Maintenance windows (grouped)',
  task: 'Window task',
  association: 'Inventory association',
  target: 'Inventory target',
  'data-sync': 'Explorer data sync',
};

/** The words on a node's badge: its impact, and whether its region was not fully read. */
export function getBadgeText(model: GraphNodeModel): string {
  const label = IMPACT_STYLES[model.impact].label;
  return model.isUncertain && model.impact !== 'unknown' ? `${label} · region unknown` : label;
}

/**
 * What a screen reader announces for a node (React Flow puts it on the focusable node element): the node's visible
 * text in reading order (so speech input can use what is on screen), then its region and what selecting it does.
 */
export function getNodeAccessibleName(model: GraphNodeModel): string {
  const visible = [KIND_LABELS[model.kind], getBadgeText(model), model.label, model.detail].filter(Boolean).join(' ');
  const region = model.regionCode && model.kind !== 'region' ? `, in ${model.regionCode}` : '';
  const action = model.kind === 'window-group' ? ', select to expand' : '';
  return `${visible}${region}${action}`;
}
