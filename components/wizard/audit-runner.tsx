'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMemberAccountId } from '@/components/org/member-account-context';
import { Button } from '@/components/ui/button';
import { withAccount } from '@/lib/org/account-href';

// Runs a fresh audit of every region through the audit stream, shows its progress, and reloads the page's data
// when it is stored (optionally at another address, e.g. without the "rescan" parameter). In a member account it
// runs the organization audit instead, which reads that account again (with every other), and keeps the account
// in the address it goes to.

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number | null }
  | { kind: 'finished'; auditId: string }
  | { kind: 'failed'; message: string };

interface StreamEvent {
  /** `region` events come from an account's audit, `account` events from the organization audit. */
  type: 'started' | 'region' | 'account' | 'account-progress' | 'finished' | 'failed';
  regions?: unknown[];
  done?: number;
  total?: number;
  audit?: { id: string };
  message?: string;
}

export function AuditRunner({
  label,
  autoStart = false,
  nextHref,
}: {
  label: string;
  autoStart?: boolean;
  /** Where to go once the audit is stored; `{auditId}` is replaced by the new audit's id. Default: refresh. */
  nextHref?: string;
}) {
  const router = useRouter();
  const memberAccountId = useMemberAccountId();
  const streamUrl = memberAccountId ? '/api/org-audit/stream' : '/api/audit/stream';
  const unit = memberAccountId ? 'account of the organization' : 'region';
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const hasStarted = useRef(false);

  const run = useCallback(async () => {
    setState({ kind: 'running', done: 0, total: null });
    try {
      const response = await fetch(streamUrl, { method: 'POST', headers: { Accept: 'application/x-ndjson' } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setState({ kind: 'failed', message: body?.message ?? `The audit could not start (HTTP ${response.status}).` });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as StreamEvent;
          if (event.type === 'started') setState({ kind: 'running', done: 0, total: event.regions?.length ?? null });
          else if (event.type === 'region' || event.type === 'account') setState({ kind: 'running', done: event.done ?? 0, total: event.total ?? null });
          else if (event.type === 'failed') {
            setState({ kind: 'failed', message: event.message ?? 'The audit failed.' });
            return;
          } else if (event.type === 'finished' && event.audit) {
            const auditId = event.audit.id;
            setState({ kind: 'finished', auditId });
            if (nextHref) router.replace(withAccount(nextHref.replace('{auditId}', encodeURIComponent(auditId)), memberAccountId));
            else router.refresh();
            return;
          }
        }
      }
      setState({ kind: 'failed', message: 'The audit stream ended before the scan finished. Run it again.' });
    } catch (error) {
      setState({ kind: 'failed', message: `The audit could not run: ${error instanceof Error ? error.message : String(error)}` });
    }
  }, [nextHref, router, streamUrl, memberAccountId]);

  useEffect(() => {
    if (!autoStart || hasStarted.current) return;
    hasStarted.current = true;
    // Starting a network request on mount is the point of this component: a fresh scan on entering the step.
    void run();
  }, [autoStart, run]);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => void run()} disabled={state.kind === 'running'}>
        {label}
      </Button>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {state.kind === 'running'
          ? state.total
            ? `Scanning every ${unit}… ${state.done} of ${state.total} done.`
            : `Scanning every ${unit}…`
          : state.kind === 'finished'
            ? 'Audit finished; loading the results.'
            : ''}
      </p>
      {state.kind === 'failed' ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
