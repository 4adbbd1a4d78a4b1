import type { Tone } from '@/components/ui/badge';
import type { CellState } from '@/lib/org/summary';
import type { AccountVerdict } from '@/lib/org/types';

// Colours of the organization page: one per matrix state, one badge tone per account verdict.

export const CELL_CLASSES: Record<CellState, string> = {
  blocked: 'bg-red-600',
  'data-impact': 'bg-amber-400',
  clean: 'bg-emerald-500',
  'not-enabled': 'bg-slate-200',
  unknown: 'bg-white ring-1 ring-inset ring-slate-500 bg-[repeating-linear-gradient(45deg,#cbd5e1_0,#cbd5e1_2px,transparent_2px,transparent_5px)]',
  skipped: 'bg-slate-400',
};

export const VERDICT_TONES: Record<AccountVerdict, Tone> = {
  safe: 'success',
  'no-role': 'neutral',
  blocked: 'danger',
  unknown: 'warning',
  skipped: 'neutral',
};
