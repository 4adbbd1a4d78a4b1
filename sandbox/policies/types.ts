// The shape of AWS managed policies as the sandbox's catalogue holds them.

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

export interface ManagedPolicyVersion {
  versionId: string;
  /** ISO 8601. */
  createDate: string;
  document: PolicyDocument;
}

export interface ManagedPolicy {
  policyName: string;
  arn: string;
  path: string;
  policyId: string;
  description: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  isAttachable: boolean;
  /** Newest first, as ListPolicyVersions returns them. */
  versions: ManagedPolicyVersion[];
}
