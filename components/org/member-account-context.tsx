'use client';

import { createContext, useContext, type ReactNode } from 'react';

// The member account a page acts in, for the client components under it: their links keep `?account=` and their
// server actions send `accountId`, which the server checks again. Absent: the dashboard's own account.

const MemberAccountContext = createContext<string | undefined>(undefined);

export function MemberAccountProvider({ memberAccountId, children }: { memberAccountId: string | undefined; children: ReactNode }) {
  return <MemberAccountContext value={memberAccountId}>{children}</MemberAccountContext>;
}

/** The member account's id, or undefined in the dashboard's own account. */
export function useMemberAccountId(): string | undefined {
  return useContext(MemberAccountContext);
}

/** An action's input for the account of the page: `accountId` is added only for a member account. */
export function withAccountInput<T extends object>(input: T, memberAccountId: string | undefined): T & { accountId?: string } {
  return memberAccountId ? { ...input, accountId: memberAccountId } : input;
}
