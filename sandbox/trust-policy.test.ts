import { describe, expect, it } from 'vitest';
import { createManagementCaller, type CallerIdentity } from './credentials';
import { isAssumeRoleAllowed } from './trust-policy';

// The trust-policy decision on its own: principals, actions, Deny, and conditions on the external id.

const admin = createManagementCaller();
const session: CallerIdentity = {
  kind: 'assumed-role',
  accountId: '210987654321',
  arn: 'arn:aws:sts::210987654321:assumed-role/Auditor/atlas',
  userId: 'AROAEXAMPLEEXAMPLE1:atlas',
  roleArn: 'arn:aws:iam::210987654321:role/team/Auditor',
  roleName: 'Auditor',
  sessionName: 'atlas',
  expirationMs: 0,
};

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const allowAdmin = { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' };

describe('isAssumeRoleAllowed', () => {
  it('matches the caller by account id, :root, its own ARN, its role ARN or *', () => {
    expect(isAssumeRoleAllowed(policy(allowAdmin), { caller: admin })).toBe(true);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Principal: { AWS: ['arn:aws:iam::123456789012:user/sandbox-admin'] } }), { caller: admin })).toBe(true);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Principal: '*' }), { caller: session })).toBe(true);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Principal: { AWS: 'arn:aws:iam::210987654321:role/team/Auditor' } }), { caller: session })).toBe(true);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Principal: { AWS: 'arn:aws:iam::210987654321:root' } }), { caller: session })).toBe(true);
    expect(isAssumeRoleAllowed(policy(allowAdmin), { caller: session })).toBe(false);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Principal: { Service: 'ssm.amazonaws.com' } }), { caller: admin })).toBe(false);
  });

  it('needs sts:AssumeRole among the actions (wildcards allowed) and lets Deny win', () => {
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Action: ['sts:*'] }), { caller: admin })).toBe(true);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Action: 'sts:AssumeRoleWithSAML' }), { caller: admin })).toBe(false);
    expect(isAssumeRoleAllowed(policy(allowAdmin, { ...allowAdmin, Effect: 'Deny' }), { caller: admin })).toBe(false);
    expect(isAssumeRoleAllowed('not json', { caller: admin })).toBe(false);
  });

  it('checks conditions on sts:ExternalId and refuses conditions on other keys', () => {
    const withId = (operator: string, value: string | string[]) => policy({ ...allowAdmin, Condition: { [operator]: { 'sts:ExternalId': value } } });
    expect(isAssumeRoleAllowed(withId('StringEquals', 'abc-123'), { caller: admin, externalId: 'abc-123' })).toBe(true);
    expect(isAssumeRoleAllowed(withId('StringEquals', 'abc-123'), { caller: admin, externalId: 'ABC-123' })).toBe(false);
    expect(isAssumeRoleAllowed(withId('StringEquals', 'abc-123'), { caller: admin })).toBe(false);
    expect(isAssumeRoleAllowed(withId('StringEqualsIgnoreCase', 'abc-123'), { caller: admin, externalId: 'ABC-123' })).toBe(true);
    expect(isAssumeRoleAllowed(withId('StringLike', ['xyz', 'abc-*']), { caller: admin, externalId: 'abc-999' })).toBe(true);
    expect(isAssumeRoleAllowed(withId('StringEqualsIfExists', 'abc-123'), { caller: admin })).toBe(true);
    expect(isAssumeRoleAllowed(withId('StringNotEquals', 'abc-123'), { caller: admin, externalId: 'abc-123' })).toBe(false);
    expect(isAssumeRoleAllowed(policy({ ...allowAdmin, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), { caller: admin })).toBe(false);
  });
});
