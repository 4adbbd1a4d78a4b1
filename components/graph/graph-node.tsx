'use client';

import clsx from 'clsx';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import { getBadgeText, KIND_LABELS } from '@/components/graph/node-labels';
import type { GraphNodeModel } from '@/lib/graph/types';

// One node of the dependency graph: what it is, its name, a detail line, and what deleting the role does to it.

export type AtlasNodeData = {
  model: GraphNodeModel;
  isMatch: boolean;
  isSelected: boolean;
};

export type AtlasNode = Node<AtlasNodeData, 'atlas'>;


const hiddenHandle = { opacity: 0, pointerEvents: 'none' } as const;

function GraphNodeView({ data }: NodeProps<AtlasNode>) {
  const { model, isMatch, isSelected } = data;
  const style = IMPACT_STYLES[model.impact];
  return (
    <div
      data-impact={model.impact}
      data-uncertain={model.isUncertain ? 'true' : undefined}
      className={clsx(
        'flex h-full w-full cursor-pointer flex-col justify-center gap-0.5 rounded-md px-3 py-1.5 shadow-sm',
        style.boxClassName,
        model.isUncertain && 'border-dashed',
        isMatch && 'ring-4 ring-sky-400',
        isSelected && 'outline-2 outline-offset-2 outline-indigo-700',
      )}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-[10px] font-semibold tracking-wide uppercase">{KIND_LABELS[model.kind]}</span>
        {/* Spaces between the parts keep the text as read (and as the accessible name spells it) word-separated. */}{' '}
        <span className={clsx('shrink-0 rounded px-1.5 text-[10px] font-semibold', style.badgeClassName)}>
          {getBadgeText(model)}
        </span>
      </div>{' '}
      <p className="truncate text-sm leading-tight font-semibold" title={model.label}>
        {model.label}
      </p>
      {model.detail ? ' ' : null}
      {model.detail ? (
        <p className="truncate text-xs leading-tight" title={model.detail}>
          {model.detail}
        </p>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}

export const GraphNode = memo(GraphNodeView);
