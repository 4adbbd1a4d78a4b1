import { Alert } from '@/components/ui/alert';
import type { AwsErrorInfo } from '@/lib/aws/errors';

// An AWS read that failed, said plainly where its data would have been.

const KIND_HINTS: Partial<Record<AwsErrorInfo['kind'], string>> = {
  'access-denied': 'The caller lacks a permission this page needs; docs/iam/audit-policy.json lists them.',
  throttled: 'AWS is throttling the account; reload in a moment.',
  timeout: 'AWS did not answer in time; reload to try again.',
  unreachable: 'The endpoint could not be reached.',
  'invalid-credentials': 'The credentials were rejected.',
};

export function ReadError({ title, error }: { title: string; error: AwsErrorInfo }) {
  return (
    <Alert tone="danger" urgent title={title}>
      <p>
        {error.message} <span className="font-mono text-xs">({error.code})</span>
      </p>
      {KIND_HINTS[error.kind] ? <p>{KIND_HINTS[error.kind]}</p> : null}
      {error.requestId ? <p className="text-xs text-red-800/80">Request id: {error.requestId}</p> : null}
    </Alert>
  );
}
