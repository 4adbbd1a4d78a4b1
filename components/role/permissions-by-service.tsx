import { Badge } from '@/components/ui/badge';
import { Card, DEFERRED_RENDERING } from '@/components/ui/card';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import { CAPABILITY_DESCRIPTIONS } from '@/lib/role/action-catalogue';
import { countActionsByCapability, type ServiceGroup } from '@/lib/role/permissions';

// Each action the policy grants, grouped by AWS service, with what it allows and the capability that needs it.

export function PermissionsByService({ groups }: { groups: ServiceGroup[] }) {
  const capabilities = countActionsByCapability(groups);
  return (
    <Card
      title="What the role may do"
      description="Actions grouped by AWS service, each with the Systems Manager capability that uses it."
      className={DEFERRED_RENDERING}
    >
      <div className="space-y-6">
        <ul aria-label="Capabilities" className="flex flex-wrap gap-2">
          {capabilities.map(({ capability, count }) => (
            <li key={capability}>
              <Badge tone={capability === 'Unexplained' ? 'warning' : 'neutral'} title={capability === 'Unexplained' ? undefined : CAPABILITY_DESCRIPTIONS[capability]}>
                {capability}: {count}
              </Badge>
            </li>
          ))}
        </ul>
        {groups.map((group) => (
          <section key={group.prefix} aria-labelledby={`service-${group.prefix}`}>
            <h3 id={`service-${group.prefix}`} className="text-sm font-semibold text-slate-900">
              {group.label} <span className="font-normal text-slate-500">({group.prefix}, {group.actions.length})</span>
            </h3>
            <Table caption={`${group.label} actions`} className="mt-2 rounded-md border border-slate-200" isFixedLayout>
              <thead className="bg-slate-50">
                <tr>
                  <Th className="w-[28%]">Action</Th>
                  <Th className="w-[36%]">What it allows</Th>
                  <Th className="w-[14%]">Capability</Th>
                  <Th className="w-[22%]">Scope</Th>
                </tr>
              </thead>
              <TBody>
                {group.actions.map((action, index) => (
                  <tr key={`${action.action}-${index}`}>
                    <Td className="font-mono text-xs break-all">
                      {action.action}
                      {action.effect === 'Deny' ? (
                        <span className="ml-2">
                          <Badge tone="danger">Deny</Badge>
                        </span>
                      ) : null}
                    </Td>
                    <Td>{action.explanation ?? <span className="text-amber-800">Not in this dashboard’s catalogue: new or changed by AWS.</span>}</Td>
                    <Td>{action.capability ?? '—'}</Td>
                    <Td className="font-mono text-xs text-slate-600">
                      {action.resources.map((resource) => (
                        <div key={resource} className="break-all">
                          {resource}
                        </div>
                      ))}
                      {action.conditions.map((condition) => (
                        <div key={condition} className="mt-1 font-sans text-slate-500">
                          if {condition}
                        </div>
                      ))}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </section>
        ))}
      </div>
    </Card>
  );
}
