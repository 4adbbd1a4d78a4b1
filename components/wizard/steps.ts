// The delete wizard's steps, in order. Shared by the page (which step to render) and the step list.

export const WIZARD_STEPS = [
  { id: 'preflight', label: 'Preflight', description: 'Fresh audit, last use, permissions' },
  { id: 'blockers', label: 'Blockers', description: 'Move or deregister tasks' },
  { id: 'data', label: 'Data impact', description: 'Inventory and data syncs' },
  { id: 'confirm', label: 'Confirm', description: 'Summary and typed name' },
  { id: 'delete', label: 'Delete', description: 'Deletion task and timeline' },
  { id: 'after', label: 'After', description: 'Gone, or bring it back' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];

export function parseWizardStep(value: string | string[] | undefined): WizardStepId | null {
  const text = Array.isArray(value) ? value[0] : value;
  return WIZARD_STEPS.find((step) => step.id === text)?.id ?? null;
}

export function getStepHref(step: WizardStepId, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ step, ...extra });
  return `/delete?${params.toString()}`;
}
