// ELK's bundled build, which lays out in the calling thread: for the server, the unit tests and the benchmark.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutEngine } from '@/lib/graph/layout';

let engine: LayoutEngine | null = null;

export function getBundledLayoutEngine(): LayoutEngine {
  engine ??= new ELK();
  return engine;
}
