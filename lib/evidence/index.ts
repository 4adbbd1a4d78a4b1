import 'server-only';
import { listAuditRegions } from '@/lib/audit/discover-regions';
import { getAwsClients, getHomeRegion } from '@/lib/aws/clients';
import { listAccountRegions } from '@/lib/aws/ec2';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { getRoleArn } from '@/lib/role/constants';
import { collectRoleEvidence } from './scan';
import type { RoleEvidence } from './types';

// The evidence of use for the configured target: collected on demand (or alongside an audit), shared by every
// page for ten seconds, one collection at a time.

export type { RoleEvidence } from './types';

/** How long one collection may take: the audit's per-region deadline (regions are read in parallel). */
const EVIDENCE_DEADLINE_MS = 60_000;
const FRESH_FOR_MS = 10_000;

interface Collection {
  startedAtMs: number;
  result: Promise<RoleEvidence>;
}

const collectionKey = Symbol.for('ssm-role-atlas.role-evidence');
type GlobalWithEvidence = typeof globalThis & { [collectionKey]?: Collection };

/** What a collection needs to know; an audit that has discovered them passes them, so nothing is read twice. */
export interface EvidenceScope {
  roleArn: string;
  regions: ReadonlyArray<{ code: string; isEnabled: boolean }>;
}

async function discoverScope(): Promise<EvidenceScope> {
  const identity = await getCallerIdentity();
  const regions = listAuditRegions(await listAccountRegions(getAwsClients().ec2(getHomeRegion(getSettings()))), identity.partition);
  return { roleArn: getRoleArn(identity.partition, identity.accountId), regions: regions.map((region) => ({ code: region.code, isEnabled: region.isEnabled })) };
}

async function collect(known?: EvidenceScope): Promise<RoleEvidence> {
  const scope = known ?? (await discoverScope());
  return collectRoleEvidence(getAwsClients(), { ...scope, deadlineMs: EVIDENCE_DEADLINE_MS });
}

/**
 * The role's evidence of use: the running or less than ten seconds old collection, or a new one (over `scope` when
 * given, e.g. by an audit that has just listed the regions).
 */
export function getRoleEvidence(scope?: EvidenceScope): Promise<RoleEvidence> {
  const holder = globalThis as GlobalWithEvidence;
  const current = holder[collectionKey];
  if (current && Date.now() - current.startedAtMs < FRESH_FOR_MS) return current.result;
  const collection: Collection = { startedAtMs: Date.now(), result: collect(scope) };
  holder[collectionKey] = collection;
  // A failed collection is not kept: the next page asks again.
  collection.result.catch(() => {
    if (holder[collectionKey] === collection) delete holder[collectionKey];
  });
  return collection.result;
}
