import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '@/lib/aws/policy-document';
import { getTrustVerdict } from './trust';

function trust(statements: unknown[]) {
  return getTrustVerdict(parsePolicyDocument({ Version: '2012-10-17', Statement: statements }));
}

describe('getTrustVerdict', () => {
  it('accepts the service-linked role’s own trust policy', () => {
    const verdict = trust([{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(verdict.isTrustedOnlyBySsm).toBe(true);
    expect(verdict.summary).toBe('Trusts only ssm.amazonaws.com.');
    expect(verdict.principals).toEqual(['Service: ssm.amazonaws.com']);
    expect(verdict.otherPrincipals).toEqual([]);
  });

  it('names every other principal that may assume the role', () => {
    const verdict = trust([
      { Effect: 'Allow', Principal: { Service: ['ssm.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['sts:AssumeRole'] },
    ]);
    expect(verdict.isTrustedOnlyBySsm).toBe(false);
    expect(verdict.otherPrincipals).toEqual(['Service: ec2.amazonaws.com', 'AWS: arn:aws:iam::111122223333:root']);
    expect(verdict.summary).toContain('ec2.amazonaws.com');
    expect(verdict.summary).toContain('arn:aws:iam::111122223333:root');
  });

  it('warns about a wildcard principal', () => {
    const verdict = trust([{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }]);
    expect(verdict.isTrustedOnlyBySsm).toBe(false);
    expect(verdict.otherPrincipals).toEqual(['anyone (*)']);
  });

  it('says when SSM is not trusted at all', () => {
    const verdict = trust([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(verdict.isTrustedOnlyBySsm).toBe(false);
    expect(verdict.summary).toBe(
      'Does not let ssm.amazonaws.com assume the role; it trusts Service: lambda.amazonaws.com instead: Systems Manager cannot use it.',
    );
    expect(trust([{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }]).summary).toBe(
      'Does not let ssm.amazonaws.com assume the role: Systems Manager cannot use it.',
    );
  });

  it('ignores statements that grant something other than assuming the role', () => {
    const verdict = trust([
      { Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:TagSession' },
    ]);
    expect(verdict.otherPrincipals).toEqual(['AWS: anyone (*)']);
    const untouched = trust([
      { Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'iam:GetRole' },
    ]);
    expect(untouched.isTrustedOnlyBySsm).toBe(true);
  });

  it('does not accept NotPrincipal as trusting only SSM', () => {
    const verdict = trust([
      { Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
    ]);
    expect(verdict.isTrustedOnlyBySsm).toBe(false);
    expect(verdict.warnings.join(' ')).toMatch(/NotPrincipal/);
  });
});
