import 'server-only';
import { randomUUID } from 'node:crypto';
import { getAwsClients, getHomeRegion, getMemberSession, releaseMemberClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings, type Settings } from '@/lib/config';
import { getRunningTask, joinRun, type RunDefinition } from '@/lib/joinable-run';
import { auditOrganization, type AccountConnection, type OrgScanLimits } from '@/lib/org/audit';
import { saveAudit } from '@/lib/audit/store';
import { saveAccountAudit, saveOrgAudit } from '@/lib/org/store';
import { getListedStructure, readOrganizationStructure } from '@/lib/org/structure';
import type { OrgAccount, OrgAuditEvent, OrgAuditResult, OrgStructure } from '@/lib/org/types';

// Runs the organization audit for the configured target, one at a time (a second request joins the running one).

/** The accounts to audit: ATLAS_ACCOUNT_IDS when given, otherwise the whole organization from AWS Organizations. */
export async function getOrganizationStructure(settings: Settings = getSettings()): Promise<OrgStructure> {
  const identity = await getCallerIdentity();
  if (settings.ATLAS_ACCOUNT_IDS.length > 0) return getListedStructure(settings.ATLAS_ACCOUNT_IDS, identity.accountId);
  return readOrganizationStructure({ client: getAwsClients().organizations(), callerAccountId: identity.accountId });
}

/** Opens one account: the caller's own with its own credentials, any other through the assumed access role. */
export async function connectToAccount(account: Pick<OrgAccount, 'id' | 'isCaller'>): Promise<AccountConnection> {
  if (account.isCaller) return { clients: getAwsClients(), callerArn: (await getCallerIdentity()).arn };
  const session = await getMemberSession(account.id);
  return { clients: getAwsClients(account.id), callerArn: session.assumedRoleArn };
}

/** The organization audit's limits from the settings. */
export function getOrgScanLimits(settings: Settings = getSettings()): Partial<OrgScanLimits> {
  return { globalConcurrency: settings.ATLAS_ORG_CONCURRENCY, accountDeadlineMs: settings.ATLAS_ORG_ACCOUNT_DEADLINE_MS };
}

function defineRun(): RunDefinition<OrgAuditEvent, OrgAuditResult> {
  const auditId = randomUUID();
  return {
    id: auditId,
    work: async (emit) => {
      const settings = getSettings();
      const [identity, structure] = await Promise.all([getCallerIdentity(), getOrganizationStructure(settings)]);
      const audit = await auditOrganization({
        structure,
        target: settings.ATLAS_TARGET,
        partition: identity.partition,
        homeRegion: getHomeRegion(settings),
        connect: (account) => connectToAccount(account),
        disconnect: (account) => releaseMemberClients(account.id),
        limits: getOrgScanLimits(settings),
        auditId,
        // Each member account's findings, for its own pages (the caller's own account has the regular audit).
        onAccountAudit: (accountId, audit) => (accountId === identity.accountId ? saveAudit(audit) : saveAccountAudit(accountId, audit)),
        // "finished" is announced once the audit is stored, so a page reloaded on it shows the new audit.
        onEvent: (event) => {
          if (event.type !== 'finished') emit(event);
        },
      });
      await saveOrgAudit(audit);
      emit({ type: 'finished', audit });
      return audit;
    },
    toFailureEvent: (error) => {
      const info = toAwsError(error);
      return { type: 'failed', auditId, message: `The organization audit could not run: ${info.code}: ${info.message}` };
    },
  };
}

/** Audits the organization (or joins the audit already running) and resolves with the stored result. */
export function runOrganizationAudit(options: { onEvent?: (event: OrgAuditEvent) => void } = {}): Promise<OrgAuditResult> {
  return joinRun('running-org-audit', defineRun, options.onEvent);
}

/** The organization audit running now, if any. */
export function getRunningOrganizationAudit(): { auditId: string; events: OrgAuditEvent[] } | null {
  const running = getRunningTask<OrgAuditEvent>('running-org-audit');
  return running ? { auditId: running.id, events: running.events } : null;
}
