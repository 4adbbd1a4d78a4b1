import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { getLastAudit } from '@/lib/audit/store';
import { toAwsError } from '@/lib/aws/errors';
import { getRoleEvidence } from '@/lib/evidence';
import { getRegionEvidenceMarker } from '@/lib/evidence/join';
import { getAccountAudit } from '@/lib/org/store';
import { describeLastUse, MissingPermissions } from './role-evidence';

// The wizard's preflight: the evidence of use said plainly, and a warning when the role was used after the last
// audit. The audit's verdict stays the verdict. In a member account (`memberAccountId`), that account's evidence,
// read through its access role, against its part of the organization audit.

export async function PreflightEvidence({ memberAccountId }: { memberAccountId?: string } = {}) {
  const [result, audit] = await Promise.all([
    getRoleEvidence({ depth: 'latest', ...(memberAccountId ? { memberAccountId } : {}) }).then(
      (evidence) => ({ ok: true as const, evidence }),
      (error: unknown) => ({ ok: false as const, error: toAwsError(error).toInfo() }),
    ),
    memberAccountId ? getAccountAudit(memberAccountId) : getLastAudit(),
  ]);
  if (!result.ok) {
    return (
      <Card title="Evidence of use">
        <p className="text-sm text-slate-700">
          The evidence of use could not be collected ({result.error.code}: {result.error.message}). The audit&apos;s verdict is unaffected.
        </p>
      </Card>
    );
  }
  const { evidence } = result;
  const nowMs = Date.parse(evidence.collectedAt);
  const isUsedAfterAudit = audit !== null && evidence.lastUse !== undefined && evidence.lastUse.at > audit.finishedAt;
  const unexplained = audit
    ? evidence.regions
        .filter((region) => getRegionEvidenceMarker(audit.regions.find((entry) => entry.region.code === region.region), region) === 'used-cause-not-found')
        .map((region) => region.region)
    : [];
  return (
    <Card title="Evidence of use" description="What CloudTrail recorded in the last 90 days. It informs the decision; the audit's verdict stands.">
      <div className="space-y-3">
        <MissingPermissions permissions={evidence.missingPermissions} />
        <p className="text-sm font-medium text-slate-900" data-testid="preflight-evidence">
          {describeLastUse(evidence, nowMs)}
        </p>
        {evidence.lastUse ? (
          <p className="text-sm text-slate-600">
            Last AssumeRole: <DateTime iso={evidence.lastUse.at} />
          </p>
        ) : null}
        {isUsedAfterAudit && audit ? (
          <Alert tone="warning" title="Used after the last audit">
            <p>
              Systems Manager assumed the role at <DateTime iso={evidence.lastUse!.at} />, after the last audit finished (<DateTime iso={audit.finishedAt} />
              ). Something may rely on it that the audit did not see: rescan before deleting.
            </p>
          </Alert>
        ) : null}
        {unexplained.length > 0 ? (
          <Alert tone="warning" title="Used, cause not found">
            <p>
              The role was used in {unexplained.join(', ')} where the audit found nothing relying on it. Find out what assumed it before deleting.
            </p>
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}
