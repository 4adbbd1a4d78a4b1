'use client';

import { useState, useTransition } from 'react';
import { deleteResourceGroupAction, removeTagKeyAction } from '@/app/delete/cleanup-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { deleteResourceGroupCommand, removeTagKeyCommand } from '@/lib/cli-commands';
import type { RegionGroupsAndTags } from '@/lib/deletion/plan';
type Outcome = { ok: boolean; message: string };
import { CliCommand } from './cli-command';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// The user's resource groups and tags, region by region: Inventory stops syncing them once the role is gone.
// Deleting groups and removing tag keys is offered, never preselected, each kind after its own confirmation.

export interface RegionGroupsAndTagKeys extends RegionGroupsAndTags {
  tagKeys: { keys: string[] } | { error: string };
}

type Kind = 'groups' | 'tags';
interface Choice {
  region: string;
  name: string;
}

const keyOf = (choice: Choice) => `${choice.region}/${choice.name}`;

export function GroupsAndTags({ regions }: { regions: RegionGroupsAndTagKeys[] }) {
  const accountId = useMemberAccountId();
  const [selected, setSelected] = useState<Record<Kind, Set<string>>>({ groups: new Set(), tags: new Set() });
  const [confirming, setConfirming] = useState<Kind | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [isPending, startTransition] = useTransition();

  const groups: Choice[] = regions.flatMap((region) => region.resourceGroups.map((group) => ({ region: region.region, name: group.name })));
  // A key removed here is gone from the region's keys once the page refreshes: it stays listed with its outcome.
  const keysOf = (region: RegionGroupsAndTagKeys): string[] => {
    const done = Object.keys(outcomes).flatMap((key) => (key.startsWith(`tags:${region.region}/`) ? [key.slice(`tags:${region.region}/`.length)] : []));
    const current = 'keys' in region.tagKeys ? region.tagKeys.keys : [];
    return [...new Set([...current, ...done])].sort((left, right) => left.localeCompare(right));
  };
  const tagKeys: Choice[] = regions.flatMap((region) => keysOf(region).map((name) => ({ region: region.region, name })));
  const chosen = (kind: Kind) => (kind === 'groups' ? groups : tagKeys).filter((choice) => selected[kind].has(keyOf(choice)) && !outcomes[`${kind}:${keyOf(choice)}`]?.ok);

  function toggle(kind: Kind, choice: Choice, isOn: boolean) {
    setSelected((current) => {
      const next = new Set(current[kind]);
      if (isOn) next.add(keyOf(choice));
      else next.delete(keyOf(choice));
      return { ...current, [kind]: next };
    });
  }

  function apply(kind: Kind) {
    const choices = chosen(kind);
    setConfirming(null);
    startTransition(async () => {
      for (const choice of choices) {
        const response =
          kind === 'groups'
            ? await deleteResourceGroupAction(withAccountInput({ region: choice.region, groupName: choice.name, isConfirmed: true }, accountId))
            : await removeTagKeyAction(withAccountInput({ region: choice.region, tagKey: choice.name, isConfirmed: true }, accountId));
        // Each choice answers on its own line; one failure does not stop the others.
        const outcome = response.ok ? { ok: true, message: response.data.message } : { ok: false, message: response.message };
        setOutcomes((current) => ({ ...current, [`${kind}:${keyOf(choice)}`]: outcome }));
      }
    });
  }

  if (regions.length === 0) {
    return (
      <Card title="Your resource groups and tags">
        <p className="text-sm text-slate-600">No resource group or tagged resource was found in the regions read.</p>
      </Card>
    );
  }

  return (
    <Card
      title="Your resource groups and tags"
      description="What Inventory gathers through the role (AWS:ResourceGroup and AWS:Tag), region by region."
    >
      <div className="space-y-5">
        <p className="text-sm text-slate-800">
          These are your data. Deleting the role neither needs nor does anything to them: keeping them only means that Inventory stops syncing
          them. AWS lists deleting the groups and removing the tags among the clean-up steps for the role; here each is optional, nothing is
          selected, and each kind asks for its own confirmation.
        </p>
        {regions.map((region) => (
          <section key={region.region} aria-labelledby={`groups-tags-${region.region}`} className="space-y-2">
            <h3 id={`groups-tags-${region.region}`} className="text-sm font-semibold text-slate-900">
              {region.regionName} <span className="font-mono text-xs font-normal text-slate-600">({region.region})</span>
            </h3>
            <p className="text-xs text-slate-600">
              {region.resourceGroups.length} resource group(s) · {region.taggedResources.count} tagged resource(s)
              {region.taggedResources.sample.length > 0 ? `, for example ${region.taggedResources.sample.slice(0, 3).join(', ')}` : ''}
            </p>
            <ul className="space-y-1">
              {region.resourceGroups.map((group) => (
                <ChoiceItem
                  key={group.name}
                  label={`Delete resource group ${group.name} in ${region.region}`}
                  detail={group.description}
                  isSelected={selected.groups.has(keyOf({ region: region.region, name: group.name }))}
                  outcome={outcomes[`groups:${region.region}/${group.name}`]}
                  onToggle={(isOn) => toggle('groups', { region: region.region, name: group.name }, isOn)}
                />
              ))}
              {'keys' in region.tagKeys ? (
                keysOf(region).map((tagKey) => (
                  <ChoiceItem
                    key={`tag-${tagKey}`}
                    label={`Remove tag key ${tagKey} in ${region.region}`}
                    detail="from every resource of the region that carries it; other tags stay"
                    isSelected={selected.tags.has(keyOf({ region: region.region, name: tagKey }))}
                    outcome={outcomes[`tags:${region.region}/${tagKey}`]}
                    onToggle={(isOn) => toggle('tags', { region: region.region, name: tagKey }, isOn)}
                  />
                ))
              ) : (
                <li className="text-xs text-amber-800">{region.tagKeys.error}</li>
              )}
            </ul>
          </section>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="danger" disabled={isPending || chosen('groups').length === 0} onClick={() => setConfirming('groups')}>
            Delete selected groups ({chosen('groups').length})
          </Button>
          <Button size="sm" variant="danger" disabled={isPending || chosen('tags').length === 0} onClick={() => setConfirming('tags')}>
            Remove selected tag keys ({chosen('tags').length})
          </Button>
        </div>
        {confirming ? (
          <section aria-label="Confirm the change" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="text-sm text-amber-950">
              {confirming === 'groups'
                ? `Delete ${chosen('groups').length} resource group(s)? Only the groups go (resource-groups:DeleteGroup); the resources in them stay as they are.`
                : `Remove ${chosen('tags').length} tag key(s)? Each key is removed from every resource of its region that carries it (tag:UntagResources); the resources and their other tags stay.`}
            </p>
            <CliCommand
              commands={chosen(confirming).map((choice) =>
                confirming === 'groups' ? deleteResourceGroupCommand(choice.region, choice.name) : removeTagKeyCommand(choice.region, choice.name),
              )}
              label="AWS CLI commands for this change"
            />
            <div className="flex gap-2">
              <Button variant="danger" disabled={isPending} onClick={() => apply(confirming)}>
                {confirming === 'groups' ? 'Confirm group deletion' : 'Confirm tag removal'}
              </Button>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </div>
          </section>
        ) : null}
        <p role="status" aria-live="polite" className="text-sm text-slate-600">
          {isPending ? 'Applying the change…' : ''}
        </p>
      </div>
    </Card>
  );
}

function ChoiceItem({
  label,
  detail,
  isSelected,
  outcome,
  onToggle,
}: {
  label: string;
  detail: string | undefined;
  isSelected: boolean;
  outcome: Outcome | undefined;
  onToggle(isOn: boolean): void;
}) {
  const id = `choice-${label.replace(/[^A-Za-z0-9-]/g, '-')}`;
  return (
    <li className="flex items-start gap-2 text-sm">
      <input id={id} type="checkbox" className="mt-1 h-4 w-4" checked={isSelected && !outcome?.ok} disabled={outcome?.ok === true} onChange={(event) => onToggle(event.target.checked)} />
      <div>
        <label htmlFor={id} className="text-slate-900">
          {label}
        </label>
        {detail ? <span className="ml-1 text-xs text-slate-600">({detail})</span> : null}
        {outcome ? (
          <p aria-live="polite">
            <Badge tone={outcome.ok ? 'success' : 'danger'}>{outcome.ok ? 'Done' : 'Failed'}</Badge>{' '}
            <span className={outcome.ok ? 'text-emerald-800' : 'text-red-800'}>{outcome.message}</span>
          </p>
        ) : null}
      </div>
    </li>
  );
}
