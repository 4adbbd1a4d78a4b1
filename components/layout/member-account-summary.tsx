'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { z, type Infer } from '@/lib/validation/zod-client';
import { ACCOUNT_PARAM, withAccount } from '@/lib/org/account-href';

// The header's member account while a page shows one (`?account=`): its name and id, and the assumed-role ARN
// the dashboard reads it as. The server checks the account; a refused one shows nothing here (the page says why).

const identitySchema = z.object({
  ok: z.literal(true),
  data: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('own') }),
    z.object({
      kind: z.literal('member'),
      accountId: z.string(),
      accountName: z.string(),
      assumedRoleArn: z.nullable(z.string()),
      source: z.enum(['sts', 'organization-audit', 'none']),
    }),
  ]),
});

type MemberIdentity = Extract<Infer<typeof identitySchema>['data'], { kind: 'member' }>;

export function MemberAccountSummary() {
  const accountParam = useSearchParams().get(ACCOUNT_PARAM);
  const [identity, setIdentity] = useState<MemberIdentity | null>(null);

  useEffect(() => {
    if (!accountParam || !/^\d{12}$/.test(accountParam)) return;
    const controller = new AbortController();
    fetch(withAccount('/accounts/identity', accountParam), { headers: { Accept: 'application/json' }, signal: controller.signal })
      .then(async (response) => (response.ok ? identitySchema.safeParse(await response.json()) : null))
      .then((parsed) => {
        if (parsed?.success && parsed.data.data.kind === 'member') setIdentity(parsed.data.data);
      })
      .catch(() => {
        // Aborted by a newer account, or unreachable: the page's own banner still names the account.
      });
    return () => controller.abort();
  }, [accountParam]);

  // An answer for an earlier account is never shown for the current one.
  if (!identity || identity.accountId !== accountParam) return null;
  return (
    <>
      <span className="flex items-center gap-1.5" data-testid="member-account">
        <span className="text-slate-400">Member account</span>
        <span className="text-slate-100">{identity.accountName}</span>
        <span className="font-mono text-slate-100">{identity.accountId}</span>
      </span>
      <span className="flex min-w-0 items-center gap-1.5">
        <span className="text-slate-400">As</span>
        <span
          className="truncate font-mono text-xs text-slate-100"
          title={identity.source === 'organization-audit' ? `${identity.assumedRoleArn ?? ''} (as the last organization audit read it)` : (identity.assumedRoleArn ?? undefined)}
          data-testid="member-caller-arn"
        >
          {identity.assumedRoleArn ?? 'its access role could not be assumed'}
        </span>
      </span>
    </>
  );
}
