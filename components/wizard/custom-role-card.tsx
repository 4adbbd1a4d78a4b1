'use client';

import { useId } from 'react';
import { Card } from '@/components/ui/card';
import { CreateMaintenanceWindowRole } from './create-maintenance-window-role';

// The custom role that moved tasks run as: one of the account's roles trusting ssm.amazonaws.com, or a new one.

export interface RoleChoice {
  roleName: string;
  arn: string;
}

export function CustomRoleCard({
  roles,
  roleArn,
  partition,
  onChange,
}: {
  roles: RoleChoice[];
  roleArn: string;
  /** The caller's partition (from its ARN): the managed policy's ARN in the CLI commands depends on it. */
  partition: string;
  onChange(arn: string): void;
}) {
  const roleSelectId = useId();
  return (
    <Card
      title="Custom role for moved tasks"
      description="AWS recommends a custom maintenance-window role instead of the service-linked role. A task moved to it keeps its targets, parameters and schedule."
    >
      <div className="space-y-4">
        {roles.length > 0 ? (
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor={roleSelectId} className="block text-sm font-medium text-slate-700">
                Custom role
              </label>
              <select
                id={roleSelectId}
                value={roleArn}
                onChange={(event) => onChange(event.target.value)}
                className="mt-1 block w-80 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                {roles.map((role) => (
                  <option key={role.arn} value={role.arn}>
                    {role.roleName}
                  </option>
                ))}
              </select>
            </div>
            <p className="text-xs text-slate-600">Roles of this account that trust ssm.amazonaws.com.</p>
          </div>
        ) : (
          <p className="text-sm text-slate-700">No role of this account trusts ssm.amazonaws.com yet. Create one below.</p>
        )}
        <CreateMaintenanceWindowRole partition={partition} onCreated={onChange} />
      </div>
    </Card>
  );
}
