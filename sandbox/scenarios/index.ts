import { addEventHistory } from '../cloudtrail-history';
import type { SandboxState } from '../types';
import { buildAbsentScenario } from './absent';
import { buildCleanScenario } from './clean';
import { buildDemoScenario } from './demo';
import { buildGovCloudScenario } from './govcloud';
import { buildHostileNamesScenario } from './hostile-names';
import { buildLargeScenario } from './large';
import { buildOrgLargeScenario, buildOrgScenario } from './org';

// The sandbox's named scenarios: whole account states, each a pure function of the clock, each with the
// CloudTrail event history its own state implies.

export const SCENARIO_NAMES = ['demo', 'clean', 'absent', 'large', 'org', 'org-large', 'hostile-names', 'govcloud'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const BUILDERS: Record<ScenarioName, (nowMs: number) => SandboxState> = {
  demo: buildDemoScenario,
  clean: buildCleanScenario,
  absent: buildAbsentScenario,
  large: buildLargeScenario,
  org: buildOrgScenario,
  'org-large': buildOrgLargeScenario,
  'hostile-names': buildHostileNamesScenario,
  govcloud: buildGovCloudScenario,
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** The state of scenario `name` with dates relative to `nowMs`; an unknown name is an error naming the valid ones. */
export function buildScenario(name: string, nowMs: number): SandboxState {
  if (!isScenarioName(name)) {
    throw new Error(`Unknown sandbox scenario "${name}". Valid scenarios: ${SCENARIO_NAMES.join(', ')}.`);
  }
  return addEventHistory(BUILDERS[name](nowMs), nowMs);
}
