// ELK's web worker build behind its message API: layouts run off the main thread, and the 1.6 MB engine is
// fetched and compiled by the worker, never by the page.

import ELK from 'elkjs/lib/elk-api';
import type { LayoutEngine } from '@/lib/graph/layout';

let engine: LayoutEngine | null = null;

export function getWorkerLayoutEngine(): LayoutEngine {
  engine ??= new ELK({ workerFactory: () => new Worker(new URL('./elk.worker.ts', import.meta.url)) });
  return engine;
}
