import 'server-only';
import { z } from 'zod';
import { isOrganizationMode } from '@/lib/config';
import { getLastOrgAudit } from '@/lib/org/store';
import type { AccountAudit } from '@/lib/org/types';

// Which account a page shows: the caller's own (no ?account=, or its own id), or a member account of the last
// organization audit. Anything else is refused: an id is never trusted only because it is in the URL.

export type AccountScope =
  | { kind: 'own' }
  | { kind: 'member'; account: AccountAudit }
  | { kind: 'refused'; message: string };

const accountParamSchema = z.string().regex(/^\d{12}$/, 'The account must be a 12-digit account id.');

export async function getAccountScope(param: string | string[] | undefined): Promise<AccountScope> {
  if (param === undefined || param === '') return { kind: 'own' };
  const parsed = accountParamSchema.safeParse(param);
  if (!parsed.success) return { kind: 'refused', message: parsed.error.issues[0]?.message ?? 'Invalid account.' };
  if (!isOrganizationMode()) return { kind: 'refused', message: 'Organization mode is off: only the dashboard’s own account can be shown.' };
  const audit = await getLastOrgAudit();
  const account = audit?.accounts.find((result) => result.account.id === parsed.data);
  if (!account) return { kind: 'refused', message: `Account ${parsed.data} is not among the accounts of the last organization audit.` };
  return account.account.isCaller ? { kind: 'own' } : { kind: 'member', account };
}
