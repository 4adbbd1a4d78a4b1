// The one way to build a dashboard link for an account. The dashboard's own account needs no parameter; a member
// account travels as `?account=<id>`, so that a link to any page of a member account can be shared. The server
// never trusts the parameter: pages check it with `getAccountScope`.

export const ACCOUNT_PARAM = 'account';

const ACCOUNT_ID = /^\d{12}$/;

/** `path` (which may already hold a query or a fragment) for the given member account; unchanged when there is none. */
export function withAccount(path: string, memberAccountId: string | null | undefined): string {
  if (!memberAccountId || !ACCOUNT_ID.test(memberAccountId)) return path;
  const hashAt = path.indexOf('#');
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  const beforeHash = hashAt === -1 ? path : path.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const pathname = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1));
  params.set(ACCOUNT_PARAM, memberAccountId);
  return `${pathname}?${params.toString()}${hash}`;
}

/** A link for an account of an organization audit: the caller's own account keeps the plain path. */
export function getAccountHref(path: string, accountId: string, isCaller: boolean): string {
  return withAccount(path, isCaller ? undefined : accountId);
}
