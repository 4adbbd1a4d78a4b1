import type { AuditProgressEvent } from '@/lib/audit/types';
import type { OrgAuditEvent } from '@/lib/org/types';

// The audit's progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise (CI logs, files).

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface AuditProgress {
  onEvent(event: AuditProgressEvent): void;
  /** The same for an organization audit: progress counts accounts. */
  onOrgEvent(event: OrgAuditEvent): void;
  /** Ends the bar's line; call once the audit is over, whatever its outcome. */
  stop(): void;
}

const BAR_WIDTH = 24;

function formatElapsed(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function createAuditProgress(options: {
  stream: ProgressStream;
  /** The number of AWS calls made so far. */
  getCalls: () => number;
  now?: () => number;
  /** How often the bar is redrawn between events (its clock moves on). */
  tickMs?: number;
}): AuditProgress {
  const { stream, getCalls } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  let done = 0;
  let total: number | null = null;
  let unit = 'regions';
  let hasBar = false;
  let timer: NodeJS.Timeout | undefined;

  const figures = () => `${getCalls()} calls · ${formatElapsed(now() - startedAt)}`;

  function drawBar(): void {
    const share = total ? done / total : 0;
    const filled = Math.round(share * BAR_WIDTH);
    const count = total === null ? `listing ${unit}` : `${done}/${total} ${unit}`;
    const text = `Auditing [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${count} · ${figures()}`;
    const width = stream.columns || 80;
    // \r and "erase line" redraw in place; the text is cut to the terminal's width so it never wraps.
    stream.write(`\r\x1b[2K${text.slice(0, Math.max(10, width - 1))}`);
    hasBar = true;
  }

  if (stream.isTTY) {
    drawBar();
    timer = setInterval(drawBar, options.tickMs ?? 250);
    timer.unref();
  } else {
    stream.write('audit: starting\n');
  }

  function report(event: { type: 'started'; total: number } | { type: 'step'; done: number; total: number; item: string } | { type: 'finished' }): void {
    if (event.type === 'started') total = event.total;
    if (event.type === 'step') {
      done = event.done;
      total = event.total;
    }
    if (stream.isTTY) {
      if (event.type !== 'finished') drawBar();
      return;
    }
    if (event.type === 'started') stream.write(`audit: ${event.total} ${unit} to scan\n`);
    if (event.type === 'step') stream.write(`audit: ${event.done}/${event.total} ${unit} · ${event.item} · ${figures()}\n`);
    if (event.type === 'finished') stream.write(`audit: finished · ${figures()}\n`);
  }

  return {
    onEvent(event) {
      if (event.type === 'started') report({ type: 'started', total: event.regions.length });
      if (event.type === 'region') report({ type: 'step', done: event.done, total: event.total, item: `${event.region.region.code} ${event.region.status.kind}` });
      if (event.type === 'finished') report({ type: 'finished' });
    },
    onOrgEvent(event) {
      unit = 'accounts';
      if (event.type === 'started') report({ type: 'started', total: event.structure.accounts.length });
      if (event.type === 'account') report({ type: 'step', done: event.done, total: event.total, item: `${event.account.account.id} ${event.account.outcome.kind}` });
      if (event.type === 'finished') report({ type: 'finished' });
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (hasBar) {
        drawBar();
        stream.write('\n');
        hasBar = false;
      }
    },
  };
}
