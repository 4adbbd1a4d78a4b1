import 'server-only';
import { listAuditRegions } from '@/lib/audit/discover-regions';
import { getAwsClients, getHomeRegion } from '@/lib/aws/clients';
import { listAccountRegions } from '@/lib/aws/ec2';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { getProcessValue } from '@/lib/process-state';
import { getRoleArn } from '@/lib/role/constants';
import { Pacer } from './pacer';
import { collectRoleEvidence, LOOKUP_RATE } from './scan';
import type { EvidenceDepth, RoleEvidence } from './types';

// The evidence of use of each account's role: collected on demand (or alongside an audit), shared by every page
// for ten seconds, one collection at a time per account and depth. The caller's own account is read with its own
// credentials, a member account of the organization through its access role; their evidence is never mixed.

export type { EvidenceDepth, RoleEvidence } from './types';

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
  /**
   * `history` (the default): every region's events of the last 90 days, for the timeline. `latest`: each region
   * down to its newest session, enough for the last use per region, its markers and the preflight; a fresh
   * `history` collection serves it too.
   */
  depth?: EvidenceDepth;
  /** Start a new collection even when a finished one is still fresh (an audit reads everything again). */
  isRefresh?: boolean;
}

async function discoverScope(memberAccountId: string | undefined): Promise<EvidenceScope> {
  const identity = await getCallerIdentity();
  // Members of an organization share the management account's partition.
  const accountId = memberAccountId ?? identity.accountId;
  const ec2 = getAwsClients(memberAccountId).ec2(getHomeRegion(getSettings()));
  const regions = listAuditRegions(await listAccountRegions(ec2), identity.partition);
  return { roleArn: getRoleArn(identity.partition, accountId), regions: regions.map((region) => ({ code: region.code, isEnabled: region.isEnabled })) };
}

/** How many accounts' newest evidence is kept for `peekRoleEvidence` (an organization may have hundreds). */
const KEPT_ACCOUNTS = 32;

interface EvidenceState {
  /** Each account's latest collection of each depth, by `<account key>#<depth>`. */
  collections: Map<string, Collection>;
  /** Each account's newest finished evidence, whatever its age, by account key (oldest first). */
  newest: Map<string, RoleEvidence>;
  /** One pacer for the process: AWS counts LookupEvents per account and region, across collections. */
  pacer: Pacer;
}

function getState(): EvidenceState {
  return getProcessValue('role-evidence', (): EvidenceState => ({ collections: new Map(), newest: new Map(), pacer: new Pacer(LOOKUP_RATE) }));
}

async function collect(accountKey: string, depth: EvidenceDepth, { memberAccountId, scope }: RoleEvidenceRequest): Promise<RoleEvidence> {
  const known = scope ?? (await discoverScope(memberAccountId));
  return collectRoleEvidence(getAwsClients(memberAccountId), { ...known, depth, deadlineMs: EVIDENCE_DEADLINE_MS, pacer: getState().pacer, accountKey });
}

function isUsable(collection: Collection | undefined, nowMs: number, isRefresh: boolean): collection is Collection {
  if (!collection) return false;
  return !collection.isSettled || (!isRefresh && nowMs - collection.startedAtMs < FRESH_FOR_MS);
}

/** Lets go of finished collections past their freshness, so an organization's many accounts are not all kept. */
function forgetStale(collections: Map<string, Collection>, nowMs: number): void {
  for (const [key, collection] of collections) {
    if (collection.isSettled && nowMs - collection.startedAtMs >= FRESH_FOR_MS) collections.delete(key);
  }
}

/**
 * The role's evidence of use in one account (`memberAccountId`, or the caller's own): the account's running or
 * (unless `isRefresh`) less than ten seconds old collection of that depth (or of the full history), or a new one.
 */
export function getRoleEvidence(request: RoleEvidenceRequest = {}): Promise<RoleEvidence> {
  const accountKey = request.memberAccountId ?? OWN_ACCOUNT;
  const depth = request.depth ?? 'history';
  const key = `${accountKey}#${depth}`;
  const { collections } = getState();
  const nowMs = Date.now();
  forgetStale(collections, nowMs);
  const history = collections.get(`${accountKey}#history`);
  const isRefresh = request.isRefresh === true;
  if (isUsable(history, nowMs, isRefresh)) return history.result;
  const current = collections.get(key);
  if (isUsable(current, nowMs, isRefresh)) return current.result;
  const collection: Collection = { startedAtMs: nowMs, isSettled: false, result: collect(accountKey, depth, request) };
  collections.set(key, collection);
  collection.result.then(
    (evidence) => {
      collection.isSettled = true;
      keepNewest(accountKey, evidence);
    },
    () => {
      collection.isSettled = true;
      // A failed collection is not kept: the next page asks again.
      if (collections.get(key) === collection) collections.delete(key);
    },
  );
  return collection.result;
}

function keepNewest(accountKey: string, evidence: RoleEvidence): void {
  const { newest } = getState();
  const kept = newest.get(accountKey);
  if (kept && kept.collectedAt > evidence.collectedAt) return;
  newest.delete(accountKey);
  newest.set(accountKey, evidence);
  for (const key of newest.keys()) {
    if (newest.size <= KEPT_ACCOUNTS) break;
    newest.delete(key);
  }
}

/**
 * The account's newest evidence already collected (null when none has finished), without waiting for AWS: for a
 * page that shows it beside other data (the graph). Unless a fresh one exists, a `latest` collection starts, so
 * that the next visit finds newer evidence.
 */
export function peekRoleEvidence(request: Pick<RoleEvidenceRequest, 'memberAccountId'> = {}): RoleEvidence | null {
  const evidence = getState().newest.get(request.memberAccountId ?? OWN_ACCOUNT) ?? null;
  getRoleEvidence({ ...request, depth: 'latest' }).catch(() => {
    // Its failure is the next page's to show; the graph goes on without evidence.
  });
  return evidence;
}
