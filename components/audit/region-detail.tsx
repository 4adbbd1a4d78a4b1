import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { HydrateApart } from '@/components/ui/hydrate-apart';
import { FindingLinksView, TargetList } from '@/components/audit/finding-links';
import {
  getAssociationLinks,
  getDataSyncLinks,
  getResourceGroupLinks,
  getTaggedResourcesLinks,
  getWindowLinks,
  getWindowTaskLinks,
} from '@/lib/audit/console-links';
import { describeDataSync } from '@/lib/audit/classify';
import { getUnknownDataReads, isTaggedCountLowerBound } from '@/lib/audit/summary';
import type { MaintenanceWindowTaskFinding, RegionFindings, TaskRoleUse } from '@/lib/audit/types';
import { formatCount, plural, pluralize } from '@/lib/format/count';
import type { ReactNode } from 'react';

// Everything one region holds that uses the role, each with its console page and AWS CLI command.

const ROLE_USE_LABELS: Record<TaskRoleUse, { label: string; tone: 'danger' | 'success' }> = {
  'service-linked-implicit': { label: 'Relies on the role (no task role)', tone: 'danger' },
  'service-linked-explicit': { label: 'Relies on the role (named explicitly)', tone: 'danger' },
  custom: { label: 'Custom role', tone: 'success' },
};

function TaskRow({ partition, region, task }: { partition: string; region: string; task: MaintenanceWindowTaskFinding }) {
  const use = ROLE_USE_LABELS[task.roleUse];
  const title = task.name ?? task.windowTaskId;
  return (
    <li className="space-y-1.5 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{title}</span>
        <Badge tone={use.tone}>{use.label}</Badge>
        <span className="text-xs text-slate-500">{task.type}</span>
      </div>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-xs text-slate-700 sm:grid-cols-[9rem_1fr]">
        <dt className="text-slate-500">Task id</dt>
        <dd className="font-mono break-all">{task.windowTaskId}</dd>
        <dt className="text-slate-500">Runs</dt>
        <dd className="font-mono break-all">{task.taskArn}</dd>
        <dt className="text-slate-500">Task role</dt>
        <dd className="font-mono break-all">{task.serviceRoleArn ?? <span className="font-sans text-slate-600">none: runs as the service-linked role</span>}</dd>
        <dt className="text-slate-500">Targets</dt>
        <dd>
          <TargetList targets={task.targets} />
        </dd>
      </dl>
      <FindingLinksView links={getWindowTaskLinks(partition, region, task.windowId, task.windowTaskId)} subject={`task ${title}`} />
    </li>
  );
}

/** A card's body: why the list could not be read, that it is empty, or its items. */
function FindingList<T>({ unknownReason, items, emptyText, children }: { unknownReason: string | undefined; items: readonly T[]; emptyText: string; children: (item: T) => ReactNode }) {
  if (unknownReason) return <p className="text-sm text-amber-800">Unknown: {unknownReason}</p>;
  if (items.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return <ul className="divide-y divide-slate-100">{items.map(children)}</ul>;
}

export function RegionDetail({ partition, region, findings }: { partition: string; region: string; findings: RegionFindings }) {
  const taskCount = findings.windows.reduce((sum, window) => sum + window.tasks.length, 0);
  const unknownData = getUnknownDataReads(findings);
  // A busy region lists hundreds of findings, each with its copy buttons: hydrated apart from the page.
  return (
    <HydrateApart>
      <div className="space-y-6">
        <Card title="Maintenance windows and tasks" description={`${pluralize(findings.windows.length, 'window')}, ${pluralize(taskCount, 'task')}. A task without its own role, or naming the service-linked role, blocks the role's deletion.`}>
          {findings.windows.length === 0 ? (
            <p className="text-sm text-slate-600">No maintenance windows in this region.</p>
          ) : (
            <div className="space-y-6">
              {findings.windows.map((window) => (
                <section key={window.windowId} aria-label={`Maintenance window ${window.name}`} className="rounded-md border border-slate-200 p-4">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold text-slate-900">{window.name}</h3>
                    <span className="font-mono text-xs text-slate-500">{window.windowId}</span>
                    <Badge tone={window.isEnabled ? 'success' : 'neutral'}>{window.isEnabled ? 'Enabled' : 'Disabled'}</Badge>
                    {window.schedule ? <span className="font-mono text-xs text-slate-500">{window.schedule}</span> : null}
                  </div>
                  <div className="mt-2">
                    <FindingLinksView links={getWindowLinks(partition, region, window.windowId)} subject={`window ${window.name}`} />
                  </div>
                  {window.tasks.length === 0 ? (
                    <p className="mt-3 text-sm text-slate-600">No tasks registered.</p>
                  ) : (
                    <ul aria-label={`Tasks of ${window.name}`} className="mt-2 divide-y divide-slate-100">
                      {window.tasks.map((task) => (
                        <TaskRow key={task.windowTaskId} partition={partition} region={region} task={task} />
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </div>
          )}
        </Card>

        <Card title="Inventory associations" description="State Manager associations of AWS-GatherSoftwareInventory. Tag and resource-group targets are expanded with data the role gathers; they do not block deletion.">
          <FindingList unknownReason={unknownData.inventoryAssociations} items={findings.inventoryAssociations} emptyText="No inventory associations.">
            {(association) => {
              const title = association.associationName ?? association.associationId;
              return (
                <li key={association.associationId} className="space-y-1.5 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{title}</span>
                    <span className="font-mono text-xs text-slate-500">{association.associationId}</span>
                    {association.usesTags ? <Badge tone="warning">Targets by tag</Badge> : null}
                    {association.usesResourceGroups ? <Badge tone="warning">Targets by resource group</Badge> : null}
                  </div>
                  <TargetList targets={association.targets} />
                  <FindingLinksView links={getAssociationLinks(partition, region, association.associationId)} subject={`association ${title}`} />
                </li>
              );
            }}
          </FindingList>
        </Card>

        <Card
          title="Resource data syncs"
          description="Explorer syncs (SyncFromSource) report NoPermissions while the role is missing. Inventory exports to S3 (SyncToDestination) keep running."
        >
          <FindingList unknownReason={unknownData.dataSyncs} items={findings.dataSyncs} emptyText="No resource data syncs.">
            {(sync) => {
              const description = describeDataSync(sync);
              return (
                <li key={sync.syncName} className="space-y-1.5 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{sync.syncName}</span>
                    <Badge tone={description.stopsWithRole ? 'warning' : 'neutral'}>{description.label}</Badge>
                    {sync.syncType ? <Badge>{sync.syncType}</Badge> : null}
                    {sync.state ? <Badge tone={sync.state === 'NoPermissions' ? 'danger' : 'neutral'}>State: {sync.state}</Badge> : null}
                    {sync.lastStatus ? <span className="text-xs text-slate-500">Last status: {sync.lastStatus}</span> : null}
                  </div>
                  <p className="text-xs text-slate-600">{description.effect}</p>
                  <FindingLinksView links={getDataSyncLinks(partition, region, sync.syncType)} subject={`data sync ${sync.syncName}`} />
                </li>
              );
            }}
          </FindingList>
        </Card>

        <Card title="Resource groups" description="Groups whose membership the role reads for Inventory.">
          <FindingList unknownReason={unknownData.resourceGroups} items={findings.resourceGroups} emptyText="No resource groups.">
            {(group) => (
              <li key={group.arn || group.name} className="space-y-1.5 py-3">
                <span className="font-medium text-slate-900">{group.name}</span>
                {group.description ? <p className="text-xs text-slate-600">{group.description}</p> : null}
                <FindingLinksView links={getResourceGroupLinks(partition, region, group.name)} subject={`group ${group.name}`} />
              </li>
            )}
          </FindingList>
        </Card>

        <Card title="Tagged resources" description="Resources with tags, which Inventory collects through the role.">
          {unknownData.taggedResources ? (
            <p className="text-sm text-amber-800">Unknown: {unknownData.taggedResources}</p>
          ) : (
            <p className="text-sm text-slate-800">
              {isTaggedCountLowerBound(findings) ? 'At least ' : ''}
              <span className="text-2xl font-semibold tabular-nums">{formatCount(findings.taggedResources.count)}</span>{' '}
              {plural(findings.taggedResources.count, 'tagged resource')}
            </p>
          )}
          {findings.taggedResources.sample.length > 0 ? (
            <ul aria-label="Sample of tagged resources" className="mt-2 space-y-0.5">
              {findings.taggedResources.sample.map((arn) => (
                <li key={arn} className="font-mono text-xs break-all text-slate-600">
                  {arn}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-2">
            <FindingLinksView links={getTaggedResourcesLinks(partition, region)} subject="tagged resources" />
          </div>
        </Card>
      </div>
    </HydrateApart>
  );
}
