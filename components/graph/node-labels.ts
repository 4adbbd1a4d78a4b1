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

/** What a screen reader announces for a node (React Flow puts it on the focusable node element). */
export function getNodeAccessibleName(model: GraphNodeModel): string {
  const impact = IMPACT_STYLES[model.impact].label.toLowerCase();
  const region = model.regionCode && model.kind !== 'region' ? ` in ${model.regionCode}` : '';
  const action = model.kind === 'window-group' ? ', select to expand' : '';
  return `${KIND_LABELS[model.kind]} ${model.label}${region}: ${impact}${model.isUncertain ? ', region not fully read' : ''}${action}`;
}
