import type { ServiceDefinition } from '../types';

// STS: who is calling. Every sandbox key acts as the same administrator user of the account.

export const SANDBOX_CALLER_USER_NAME = 'sandbox-admin';
export const SANDBOX_CALLER_USER_ID = 'AIDASANDBOXADMINUSER1';

export const stsService: ServiceDefinition = {
  service: 'sts',
  operations: {
    GetCallerIdentity: (ctx) => ({
      UserId: SANDBOX_CALLER_USER_ID,
      Account: ctx.accountId,
      Arn: `arn:aws:iam::${ctx.accountId}:user/${SANDBOX_CALLER_USER_NAME}`,
    }),
  },
};
