import { describe, expect, it } from 'vitest';
import { AwsError, type AwsErrorKind } from '@/lib/aws/errors';
import { isTransientCleanupError } from '@/lib/aws/ssm-maintenance';

function error(kind: AwsErrorKind, code: string, message = 'failed'): AwsError {
  return new AwsError({ kind, code, message });
}

describe('transient clean-up failures', () => {
  it('retries what AWS says may pass: the role in use, concurrent updates, throttling, timeouts', () => {
    expect(isTransientCleanupError(error('service', 'TooManyUpdates', 'Systems Manager is using the service-linked role AWSServiceRoleForAmazonSSM in us-east-1.'))).toBe(true);
    expect(isTransientCleanupError(error('service', 'ConcurrentModificationException'))).toBe(true);
    expect(isTransientCleanupError(error('throttled', 'ThrottlingException'))).toBe(true);
    expect(isTransientCleanupError(error('timeout', 'TimeoutError'))).toBe(true);
  });

  it('does not retry a missing task, a denial or bad input', () => {
    expect(isTransientCleanupError(error('not-found', 'DoesNotExistException'))).toBe(false);
    expect(isTransientCleanupError(error('access-denied', 'AccessDeniedException'))).toBe(false);
    expect(isTransientCleanupError(error('invalid-input', 'ValidationException'))).toBe(false);
  });
});
