'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { removeDataSyncAction, removeInventoryAssociationAction } from '@/app/delete/cleanup-actions';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { deleteAssociationCommand, deleteResourceDataSyncCommand } from '@/lib/cli-commands';
import type { DataSyncImpact, InventoryImpact } from '@/lib/deletion/plan';
import type { ItemOutcome } from '@/lib/actions/result';
import { CliCommand } from './cli-command';
import { GroupsAndTags, type RegionGroupsAndTagKeys } from './groups-and-tags';
import { getStepHref } from '@/lib/deletion/wizard';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Step 3: what stops working once the role is gone: the user's resource groups and tags stop syncing to Inventory,
// Explorer's data syncs stop, and inventory associations lose their tag and group data. Nothing here blocks the
// deletion; the user acknowledges it, and may clean these up first: groups and tags as AWS's clean-up lists them,
// data syncs, and last (it stops the most) inventory associations.

type Removal = { kind: 'association'; item: InventoryImpact } | { kind: 'sync'; item: DataSyncImpact };

function keyOf(removal: Removal): string {
  return removal.kind === 'association' ? removal.item.associationId : `${removal.item.region}/${removal.item.syncName}`;
}

export function DataImpactStep({
  inventory,
  dataSyncs,
  requiresAcknowledgement,
  groupsAndTags,
}: {
  inventory: InventoryImpact[];
  dataSyncs: DataSyncImpact[];
  groupsAndTags: RegionGroupsAndTagKeys[];
  /** False when only Inventory exports to S3 were found: they keep running, so nothing needs acknowledging. */
  requiresAcknowledgement: boolean;
}) {
  const accountId = useMemberAccountId();
  const router = useRouter();
  const [hasAcknowledged, setHasAcknowledged] = useState(false);
  const [confirming, setConfirming] = useState<Removal | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, ItemOutcome>>({});
  const [isPending, startTransition] = useTransition();
  const acknowledgeId = useId();
  const hasImpact = requiresAcknowledgement;

  function remove(removal: Removal) {
    setConfirming(null);
    startTransition(async () => {
      const response =
        removal.kind === 'association'
          ? await removeInventoryAssociationAction(withAccountInput({ region: removal.item.region, associationId: removal.item.associationId, isConfirmed: true }, accountId))
          : await removeDataSyncAction(withAccountInput({ region: removal.item.region, syncName: removal.item.syncName, isConfirmed: true }, accountId));
      const key = keyOf(removal);
      const outcome: ItemOutcome = response.ok ? { key, ok: true, message: response.data.message } : { key, ok: false, message: response.message };
      setOutcomes((current) => ({ ...current, [key]: outcome }));
    });
  }

  function renderItem(removal: Removal, title: string, detail: string) {
    const key = keyOf(removal);
    const outcome = outcomes[key];
    const isConfirming = confirming !== null && keyOf(confirming) === key;
    const command =
      removal.kind === 'association'
        ? deleteAssociationCommand(removal.item.region, removal.item.associationId)
        : deleteResourceDataSyncCommand(removal.item.region, removal.item.syncName, removal.item.syncType);
    return (
      <li key={key} className="rounded-md border border-slate-200 p-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <p className="text-sm font-medium text-slate-900">{title}</p>
            <p className="text-xs text-slate-600">{detail}</p>
            {outcome ? (
              <p aria-live="polite" className="text-sm">
                <Badge tone={outcome.ok ? 'success' : 'danger'}>{outcome.ok ? 'Removed' : 'Failed'}</Badge>{' '}
                <span className={outcome.ok ? 'text-emerald-800' : 'text-red-800'}>{outcome.message}</span>
              </p>
            ) : null}
          </div>
          {!outcome?.ok ? (
            <Button size="sm" variant="danger" disabled={isPending} aria-label={`Remove ${title}`} onClick={() => setConfirming(removal)}>
              Remove
            </Button>
          ) : null}
        </div>
        {isConfirming ? (
          <div className="mt-3 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="text-sm text-amber-950">
              {removal.kind === 'association'
                ? `Remove ${title}? This stops all inventory for its targets (software, files, network configuration and every other type it gathers), not only their tags and resource groups. You can set it up again later.`
                : `Remove ${title}? It stops for good; you can set it up again later.`}
            </p>
            <CliCommand commands={command} />
            <div className="flex gap-2">
              <Button variant="danger" onClick={() => remove(removal)} disabled={isPending}>
                Confirm removal
              </Button>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </div>
          </div>
        ) : null}
      </li>
    );
  }

  return (
    <div className="space-y-6">
      <GroupsAndTags regions={groupsAndTags} />
      <Card
        title={`Resource data syncs (${dataSyncs.length})`}
        description="Explorer syncs (SyncFromSource) report NoPermissions and stop aggregating OpsData once the role is gone. Inventory exports to S3 (SyncToDestination) keep running."
      >
        {dataSyncs.length === 0 ? (
          <p className="text-sm text-slate-600">No resource data sync was found in the regions read.</p>
        ) : (
          <ul className="space-y-2">
            {dataSyncs.map((item) =>
              renderItem(
                { kind: 'sync', item },
                `${item.label} ${item.syncName} in ${item.region}`,
                [item.syncType, item.sourceType, item.state ? `state ${item.state}` : null, item.effect].filter(Boolean).join(' · '),
              ),
            )}
          </ul>
        )}
      </Card>
      <Card
        title={`Inventory associations (${inventory.length})`}
        description="Without the role, Inventory stops collecting tags (AWS:Tag) and resource groups (AWS:ResourceGroup); associations targeting tags or groups stop expanding them. Removing an association is not part of AWS's clean-up for the role, and it stops much more: it is offered last."
      >
        {inventory.length === 0 ? (
          <p className="text-sm text-slate-600">No inventory association was found in the regions read.</p>
        ) : (
          <ul className="space-y-2">
            {inventory.map((item) =>
              renderItem(
                { kind: 'association', item },
                `inventory association ${item.associationName ?? item.associationId} in ${item.region}`,
                [
                  item.documentName,
                  item.usesTags ? 'targets by tag' : null,
                  item.usesResourceGroups ? 'targets by resource group' : null,
                  `id ${item.associationId}`,
                ]
                  .filter(Boolean)
                  .join(' · '),
              ),
            )}
          </ul>
        )}
      </Card>

      {hasImpact ? (
        <div className="flex items-start gap-2">
          <input
            id={acknowledgeId}
            type="checkbox"
            className="mt-1 h-4 w-4"
            checked={hasAcknowledged}
            onChange={(event) => setHasAcknowledged(event.target.checked)}
          />
          <label htmlFor={acknowledgeId} className="text-sm text-slate-800">
            I understand that the inventory of tags and resource groups and the Explorer data syncs stop once the role is deleted.
          </label>
        </div>
      ) : (
        <p className="text-sm text-slate-700">Nothing here loses data when the role is deleted.</p>
      )}

      <div className="flex flex-wrap justify-end gap-3">
        <ButtonLink href={getStepHref('blockers', {}, accountId)}>Back to blockers</ButtonLink>
        <Button
          variant="primary"
          disabled={hasImpact && !hasAcknowledged}
          onClick={() => router.push(getStepHref('confirm', hasImpact ? { acknowledged: '1' } : {}, accountId))}
        >
          Continue to confirmation
        </Button>
      </div>
    </div>
  );
}
