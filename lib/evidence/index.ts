import 'server-only';
import { listAuditRegions } from '@/lib/audit/discover-regions';
import { getAwsClients, getHomeRegion } from '@/lib/aws/clients';
import { listAccountRegions } from '@/lib/aws/ec2';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { getProcessValue } from '@/lib/process-state';
import { getRoleArn } from '@/lib/role/constants';
import { collectRoleEvidence } from './scan';
import type { RoleEvidence } from './types';

// The evidence of use of each account's role: collected on demand (or alongside an audit), shared by every page
// for ten seconds, one collection at a time per account. The caller's own account is read with its own
// credentials, a member account of the organization through its access role; their evidence is never mixed.

export type { RoleEvidence } from './types';

/** How long one collection may take: the audit's per-region deadline (regions are read in parallel). */
const EVIDENCE_DEADLINE_MS = 60_000;
const FRESH_FOR_MS = 10_000;
/** The key of the caller's own account (a member account is keyed by its 12-digit id). */
const OWN_ACCOUNT = 'own';

interface Collection {
  startedAtMs: number;
  isSettled: boolean;
  result: Promise<RoleEvidence>;
}

/** What a collection needs to know; an audit that has discovered them passes them, so nothing is read twice. */
export interface EvidenceScope {
  roleArn: string;
  regions: ReadonlyArray<{ code: string; isEnabled: boolean }>;
}

export interface RoleEvidenceRequest {
  /**
   * A member account of the organization, read through its access role. Absent: the caller's own account. The
   * caller decides which account is its own (as with `getAwsClients`): never pass the caller's id here.
   */
  memberAccountId?: string;
  /** The role's ARN and the account's regions, when already known (e.g. by an audit that has just listed them). */
  scope?: EvidenceScope;
}

async function discoverScope(memberAccountId: string | undefined): Promise<EvidenceScope> {
  const identity = await getCallerIdentity();
  // Members of an organization share the management account's partition.
  const accountId = memberAccountId ?? identity.accountId;
  const ec2 = getAwsClients(memberAccountId).ec2(getHomeRegion(getSettings()));
  const regions = listAuditRegions(await listAccountRegions(ec2), identity.partition);
  return { roleArn: getRoleArn(identity.partition, accountId), regions: regions.map((region) => ({ code: region.code, isEnabled: region.isEnabled })) };
}

async function collect({ memberAccountId, scope }: RoleEvidenceRequest): Promise<RoleEvidence> {
  const known = scope ?? (await discoverScope(memberAccountId));
  return collectRoleEvidence(getAwsClients(memberAccountId), { ...known, deadlineMs: EVIDENCE_DEADLINE_MS });
}

function getCollections(): Map<string, Collection> {
  return getProcessValue('role-evidence', () => new Map<string, Collection>());
}

/** Lets go of finished collections past their freshness, so an organization's many accounts are not all kept. */
function forgetStale(collections: Map<string, Collection>, nowMs: number): void {
  for (const [key, collection] of collections) {
    if (collection.isSettled && nowMs - collection.startedAtMs >= FRESH_FOR_MS) collections.delete(key);
  }
}

/**
 * The role's evidence of use in one account (`memberAccountId`, or the caller's own): the account's running or
 * less than ten seconds old collection, or a new one.
 */
export function getRoleEvidence(request: RoleEvidenceRequest = {}): Promise<RoleEvidence> {
  const key = request.memberAccountId ?? OWN_ACCOUNT;
  const collections = getCollections();
  const nowMs = Date.now();
  forgetStale(collections, nowMs);
  const current = collections.get(key);
  if (current && (!current.isSettled || nowMs - current.startedAtMs < FRESH_FOR_MS)) return current.result;
  const collection: Collection = { startedAtMs: nowMs, isSettled: false, result: collect(request) };
  collections.set(key, collection);
  collection.result.then(
    () => {
      collection.isSettled = true;
    },
    () => {
      collection.isSettled = true;
      // A failed collection is not kept: the next page asks again.
      if (collections.get(key) === collection) collections.delete(key);
    },
  );
  return collection.result;
}
