'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { IMPACT_STYLES } from '@/components/graph/impact-styles';
import { KIND_LABELS } from '@/components/graph/node-labels';
import { Button } from '@/components/ui/button';
import type { GraphNodeModel } from '@/lib/graph/types';

// The side panel of the selected node: its facts, the region page, the AWS console, and the wizard's action.

export interface NodeDetailsPanelProps {
  node: GraphNodeModel;
  /** Move keyboard focus into the panel (it was opened from the keyboard). */
  shouldTakeFocus: boolean;
  onClose: () => void;
  /** For a region with grouped windows: expand or collapse them. */
  groupAction?: { label: string; onClick: () => void; isBusy: boolean };
  isSandbox: boolean;
}

export function NodeDetailsPanel({ node, shouldTakeFocus, onClose, groupAction, isSandbox }: NodeDetailsPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const style = IMPACT_STYLES[node.impact];
  useEffect(() => {
    if (shouldTakeFocus) headingRef.current?.focus();
  }, [node.id, shouldTakeFocus]);

  return (
    <aside
      aria-labelledby="graph-node-details-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{KIND_LABELS[node.kind]}</p>
          <h2 id="graph-node-details-heading" ref={headingRef} tabIndex={-1} className="text-base font-semibold break-words text-slate-900 focus:outline-none">
            {node.label}
          </h2>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close details">
          ✕
        </Button>
      </div>
      <p className="mt-2">
        <span className={clsx('inline-block rounded px-2 py-0.5 text-xs font-semibold', style.badgeClassName)}>{style.label}</span>
        {node.isUncertain && node.impact !== 'unknown' ? (
          <span className="ml-2 inline-block rounded bg-violet-600 px-2 py-0.5 text-xs font-semibold text-white">Region not fully read</span>
        ) : null}
      </p>
      {node.detail ? <p className="mt-2 text-sm text-slate-700">{node.detail}</p> : null}
      <dl className="mt-3 space-y-2 text-sm">
        {node.facts.map((fact, index) => (
          <div key={`${fact.term}-${index}`}>
            <dt className="text-xs font-medium text-slate-500">{fact.term}</dt>
            <dd className="font-mono text-xs break-all text-slate-900">{fact.description}</dd>
          </div>
        ))}
      </dl>
      {groupAction ? (
        <Button className="mt-4 w-full" variant="primary" onClick={groupAction.onClick} disabled={groupAction.isBusy}>
          {groupAction.label}
        </Button>
      ) : null}
      {node.links.length > 0 ? (
        <ul aria-label="Actions" className="mt-4 space-y-2 text-sm">
          {node.links.map((link) => (
            <li key={link.href}>
              {link.isExternal ? (
                <a href={link.href} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline">
                  {link.label} <span aria-hidden="true">↗</span>
                </a>
              ) : (
                <Link href={link.href} className="font-medium text-indigo-700 hover:underline">
                  {link.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {isSandbox && node.links.some((link) => link.isExternal) ? (
        <p className="mt-3 text-xs text-slate-500">This is the built-in sandbox account: the AWS console will not show it.</p>
      ) : null}
    </aside>
  );
}
