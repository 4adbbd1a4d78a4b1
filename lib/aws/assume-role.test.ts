import { describe, expect, it } from 'vitest';
import { AssumedRoleCache, getAccountIdFromArn, getMemberRoleArn, SESSION_REFRESH_MARGIN_MS, type AssumedRoleSession } from './assume-role';

// The per-account session cache: one AssumeRole per account while the session is fresh, renewal shortly before
// expiry, failures not kept.

function session(accountId: string, expiresAtMs: number, serial: number): AssumedRoleSession {
  return {
    accountId,
    roleArn: getMemberRoleArn('aws', accountId, 'OrganizationAccountAccessRole'),
    assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/OrganizationAccountAccessRole/s${serial}`,
    credentials: { accessKeyId: `ASIA${serial}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(expiresAtMs) },
  };
}

describe('AssumedRoleCache', () => {
  it('assumes the role once per account while the session is fresh, and shares a call in flight', async () => {
    let now = 1_000_000;
    const calls: string[] = [];
    const cache = new AssumedRoleCache(async (accountId) => {
      calls.push(accountId);
      return session(accountId, now + 3_600_000, calls.length);
    }, () => now);
    const [first, second] = await Promise.all([cache.get('111111111111'), cache.get('111111111111')]);
    expect(first).toBe(second);
    await cache.get('222222222222');
    now += 3_600_000 - SESSION_REFRESH_MARGIN_MS - 1;
    expect((await cache.get('111111111111')).credentials.accessKeyId).toBe('ASIA1');
    expect(calls).toEqual(['111111111111', '222222222222']);
  });

  it('renews a session once it is within the margin of its expiry', async () => {
    let now = 0;
    let serial = 0;
    const cache = new AssumedRoleCache(async (accountId) => session(accountId, now + 3_600_000, ++serial), () => now);
    expect((await cache.get('111111111111')).credentials.accessKeyId).toBe('ASIA1');
    now = 3_600_000 - SESSION_REFRESH_MARGIN_MS + 1;
    const [renewed, joined] = await Promise.all([cache.get('111111111111'), cache.get('111111111111')]);
    expect(renewed.credentials.accessKeyId).toBe('ASIA2');
    expect(joined.credentials.accessKeyId).toBe('ASIA2');
    expect(serial).toBe(2);
  });

  it('does not keep a failure: the next request assumes the role again', async () => {
    let attempts = 0;
    const cache = new AssumedRoleCache(async (accountId) => {
      attempts += 1;
      if (attempts === 1) throw new Error('AccessDenied');
      return session(accountId, Date.now() + 3_600_000, attempts);
    });
    await expect(cache.get('111111111111')).rejects.toThrow('AccessDenied');
    expect((await cache.get('111111111111')).credentials.accessKeyId).toBe('ASIA2');
  });
});

describe('role ARNs', () => {
  it('builds the member role ARN in the partition and reads the account back', () => {
    const arn = getMemberRoleArn('aws-us-gov', '111122223333', 'AtlasAccess');
    expect(arn).toBe('arn:aws-us-gov:iam::111122223333:role/AtlasAccess');
    expect(getAccountIdFromArn(arn)).toBe('111122223333');
    expect(getAccountIdFromArn('not-an-arn')).toBe('');
  });
});
