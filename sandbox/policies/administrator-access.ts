import type { ManagedPolicy } from './types';

// AdministratorAccess: the AWS managed policy behind the sandbox administrator user and the organization's
// member-account access roles.

export const ADMINISTRATOR_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function createAdministratorAccessPolicy(): ManagedPolicy {
  const createDate = '2015-02-06T18:39:46Z';
  return {
    policyName: 'AdministratorAccess',
    arn: ADMINISTRATOR_ACCESS_POLICY_ARN,
    path: '/',
    policyId: 'ANPAIWMBCKSKIEE64ZLYK',
    description: 'Provides full access to AWS services and resources.',
    createDate,
    updateDate: createDate,
    defaultVersionId: 'v1',
    isAttachable: true,
    versions: [{ versionId: 'v1', createDate, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
  };
}
