import type { AuditProgressEvent } from '@/lib/audit/types';

// The audit's progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise (CI logs, files).

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface AuditProgress {
  onEvent(event: AuditProgressEvent): void;
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
  let hasBar = false;
  let timer: NodeJS.Timeout | undefined;

  const figures = () => `${getCalls()} calls · ${formatElapsed(now() - startedAt)}`;

  function drawBar(): void {
    const share = total ? done / total : 0;
    const filled = Math.round(share * BAR_WIDTH);
    const count = total === null ? 'listing regions' : `${done}/${total} regions`;
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
    stream.write('audit: listing regions\n');
  }

  return {
    onEvent(event) {
      if (event.type === 'started') total = event.regions.length;
      if (event.type === 'region') {
        done = event.done;
        total = event.total;
      }
      if (stream.isTTY) {
        if (event.type === 'started' || event.type === 'region') drawBar();
        return;
      }
      if (event.type === 'started') stream.write(`audit: ${event.regions.length} regions to scan\n`);
      if (event.type === 'region') {
        stream.write(`audit: ${event.done}/${event.total} regions · ${event.region.region.code} ${event.region.status.kind} · ${figures()}\n`);
      }
      if (event.type === 'finished') stream.write(`audit: finished · ${figures()}\n`);
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
