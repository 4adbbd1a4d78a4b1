import 'server-only';
import { randomUUID } from 'node:crypto';
import type { IAMClient } from '@aws-sdk/client-iam';
import { scanAllRegions, type AuditRoleFacts, type ScanLimits, type ScanMetrics } from '@/lib/audit/scanner';
import { saveAudit } from '@/lib/audit/store';
import type { AuditProgressEvent, AuditResult } from '@/lib/audit/types';
import { getAwsClients, getHomeRegion } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { getServiceLinkedRole } from '@/lib/aws/iam';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { getRoleEvidence } from '@/lib/evidence';
import { getRunningTask, joinRun, runAlone, type RunDefinition } from '@/lib/joinable-run';
import { getRoleArn } from '@/lib/role/constants';

// Runs the audit for the configured target, one at a time: a second request while a scan runs joins it
// (its events so far are replayed, then it follows along) instead of starting another.

/** ATLAS_AUDIT_REGION_DEADLINE_MS overrides how long one region may take (default 60 s). */
function getConfiguredLimits(): Partial<ScanLimits> {
  const deadline = getSettings().ATLAS_AUDIT_REGION_DEADLINE_MS;
  return deadline ? { regionDeadlineMs: deadline } : {};
}

/**
 * The role's existence and last use, for the audit (in the account of the given IAM client). `isRead` is false
 * when GetRole failed: then the role is reported absent with a warning, and the scan goes on.
 */
export async function readRoleFacts(
  iam: IAMClient = getAwsClients().iam(),
  abortSignal?: AbortSignal,
): Promise<{ role: AuditRoleFacts; warnings: string[]; isRead: boolean }> {
  try {
    const role = await getServiceLinkedRole(iam, abortSignal);
    return {
      role: { exists: role !== null, lastUsedRegion: role?.lastUsed?.region, lastUsedDate: role?.lastUsed?.date },
      warnings: [],
      isRead: true,
    };
  } catch (error) {
    if (abortSignal?.aborted) throw error;
    const info = toAwsError(error);
    // What relies on the role can still be read in every region; only its own details are missing.
    return {
      role: { exists: false },
      isRead: false,
      warnings: [`The role itself could not be read (iam:GetRole: ${info.code}: ${info.message}); its existence and last use are unknown.`],
    };
  }
}

interface RunSettings {
  limits: Partial<ScanLimits>;
  metrics?: ScanMetrics;
  onlyRegions?: readonly string[];
}

function defineRun({ limits, metrics, onlyRegions }: RunSettings): RunDefinition<AuditProgressEvent, AuditResult> {
  const auditId = randomUUID();
  return {
    id: auditId,
    work: async (emit) => {
      const settings = getSettings();
      const [identity, roleFacts] = await Promise.all([getCallerIdentity(), readRoleFacts()]);
      const audit = await scanAllRegions({
        clients: getAwsClients(),
        homeRegion: getHomeRegion(settings),
        target: { target: settings.ATLAS_TARGET, accountId: identity.accountId, callerArn: identity.arn, partition: identity.partition },
        role: roleFacts.role,
        warnings: roleFacts.warnings,
        auditId,
        limits: { ...getConfiguredLimits(), ...limits },
        metrics,
        onlyRegions,
        // "finished" is announced once the audit is stored, so a page reloaded on it shows the new scan.
        onEvent: (event) => {
          if (event.type === 'started') {
            // The evidence of use is a scan of its own, over the regions just listed, run alongside; pages join the two.
            const roleArn = getRoleArn(identity.partition, identity.accountId);
            getRoleEvidence({ scope: { roleArn, regions: event.regions }, depth: 'latest', isRefresh: true }).catch((error: unknown) => console.warn('[atlas] the evidence of use could not be collected:', error));
          }
          if (event.type !== 'finished') emit(event);
        },
      });
      // A scan of some regions only is not the account's audit: the pages never show it as the whole account.
      if (!onlyRegions) await saveAudit(audit);
      emit({ type: 'finished', audit });
      return audit;
    },
    toFailureEvent: (error) => {
      const info = toAwsError(error);
      return { type: 'failed', auditId, message: `The audit could not run: ${info.code}: ${info.message}` };
    },
  };
}

export interface RunAuditOptions {
  /** Receives every event of the scan, including those emitted before this call joined it. */
  onEvent?: (event: AuditProgressEvent) => void;
  /** Applies only when this call starts the scan. */
  limits?: Partial<ScanLimits>;
  /** Counts the scan's calls; applies only when this call starts the scan. */
  metrics?: ScanMetrics;
  /**
   * Scans these regions only, in a scan of its own (never joined, never stored as the last audit, whose
   * verdict must cover the whole account).
   */
  onlyRegions?: readonly string[];
}

/** Scans every region (or joins the scan already running) and resolves with the stored result. */
export function runAudit(options: RunAuditOptions = {}): Promise<AuditResult> {
  const settings: RunSettings = { limits: options.limits ?? {}, metrics: options.metrics, onlyRegions: options.onlyRegions };
  if (options.onlyRegions) return runAlone(defineRun(settings), options.onEvent);
  return joinRun('running-audit', () => defineRun(settings), options.onEvent);
}

/** The scan running now, if any: its id and the events so far. */
export function getRunningAudit(): { auditId: string; events: AuditProgressEvent[] } | null {
  const running = getRunningTask<AuditProgressEvent>('running-audit');
  return running ? { auditId: running.id, events: running.events } : null;
}
