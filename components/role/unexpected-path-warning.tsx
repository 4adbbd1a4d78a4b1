import { Alert } from '@/components/ui/alert';
import type { RoleDetails } from '@/lib/aws/types';
import { ROLE_PATH } from '@/lib/role/constants';

// A role with the service-linked role's name but another path is an impostor: say so wherever it is shown.

export function UnexpectedPathWarning({ role }: { role: RoleDetails }) {
  if (role.hasExpectedPath) return null;
  return (
    <Alert tone="warning" title="This is not the service-linked role">
      <p>
        A role named {role.roleName} exists under the path <span className="font-mono">{role.path}</span>, not{' '}
        <span className="font-mono">{ROLE_PATH}</span>. Systems Manager does not use it, and cannot create its own role while the name is
        taken.
      </p>
    </Alert>
  );
}
