import type { ServiceName } from '../types';

// Reads the SigV4 credential scope, which names the caller's key, region and service: enough to route a call.

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  signingName: string;
}

const CREDENTIAL_PATTERN = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function parseCredentialScope(authorization: string | undefined, queryCredential?: string | null): CredentialScope | null {
  const source = authorization?.startsWith('AWS4-HMAC-SHA256')
    ? authorization
    : queryCredential
      ? `Credential=${queryCredential}`
      : undefined;
  if (!source) return null;
  const match = CREDENTIAL_PATTERN.exec(source);
  if (!match) return null;
  const [, accessKeyId = '', date = '', region = '', signingName = ''] = match;
  return { accessKeyId, date, region, signingName };
}

const SERVICES_BY_SIGNING_NAME: Record<string, ServiceName> = {
  iam: 'iam',
  sts: 'sts',
  ec2: 'ec2',
  ssm: 'ssm',
  tagging: 'tagging',
  'resource-groups': 'resource-groups',
  cloudtrail: 'cloudtrail',
  organizations: 'organizations',
};

export function findServiceBySigningName(signingName: string): ServiceName | undefined {
  return SERVICES_BY_SIGNING_NAME[signingName];
}

/** Keys the sandbox rejects, to let clients rehearse bad credentials. */
export function isRejectedAccessKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith('INVALID');
}
