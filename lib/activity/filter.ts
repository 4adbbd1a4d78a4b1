import { z } from 'zod';
import { ACTIVITY_RESULTS, type ActivityFilter } from '@/lib/activity/store';

// The activity log's filters as they arrive in a URL (page and export share them).

const filterSchema = z.object({
  operation: z
    .string()
    .max(64)
    .regex(/^[A-Za-z]*$/)
    .optional()
    .catch(undefined),
  result: z.enum(ACTIVITY_RESULTS).optional().catch(undefined),
  region: z
    .string()
    .max(32)
    .regex(/^[a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
});

export function parseActivityFilter(params: Record<string, string | string[] | undefined>): ActivityFilter {
  const pick = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const parsed = filterSchema.parse({ operation: pick(params.operation), result: pick(params.result), region: pick(params.region), account: pick(params.account) });
  return {
    ...(parsed.operation ? { operation: parsed.operation } : {}),
    ...(parsed.result ? { result: parsed.result } : {}),
    ...(parsed.region ? { region: parsed.region } : {}),
    ...(parsed.account ? { accountId: parsed.account } : {}),
  };
}

export function toFilterQuery(filter: ActivityFilter): string {
  const params = new URLSearchParams();
  if (filter.operation) params.set('operation', filter.operation);
  if (filter.result) params.set('result', filter.result);
  if (filter.region) params.set('region', filter.region);
  if (filter.accountId) params.set('account', filter.accountId);
  return params.toString();
}
