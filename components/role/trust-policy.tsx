import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { RoleDetails } from '@/lib/aws/types';
import { getTrustVerdict } from '@/lib/role/trust';
import { RawJson } from './raw-json';

export function TrustPolicy({ role }: { role: RoleDetails }) {
  const verdict = getTrustVerdict(role.trustPolicy);
  return (
    <Card title="Trust policy" description="Who may assume the role, decoded from IAM’s URL-encoded document.">
      <div className="space-y-4">
        <Alert tone={verdict.isTrustedOnlyBySsm ? 'success' : 'warning'} title={verdict.summary} />
        {verdict.warnings.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900">
            {verdict.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-500">Principals:</span>
          {verdict.principals.length === 0 ? <span>none</span> : null}
          {verdict.principals.map((principal) => (
            <Badge key={principal} tone={verdict.otherPrincipals.includes(principal) ? 'danger' : 'neutral'}>
              {principal}
            </Badge>
          ))}
        </div>
        <RawJson json={role.trustPolicyJson} label="trust policy" />
      </div>
    </Card>
  );
}
