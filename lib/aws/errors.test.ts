import { describe, expect, it } from 'vitest';
import { AwsError, isTransientError, type AwsErrorKind } from '@/lib/aws/errors';

function error(kind: AwsErrorKind, code: string, options: { message?: string; httpStatus?: number } = {}): AwsError {
  return new AwsError({ kind, code, message: options.message ?? 'failed', ...(options.httpStatus ? { httpStatus: options.httpStatus } : {}) });
}

// One rule for the audit's retries and the wizard's clean-up alike.
describe('isTransientError', () => {
  it('says yes to what passes with time: throttling, timeouts, network failures and AWS-side 5xx failures', () => {
    expect(isTransientError(error('throttled', 'ThrottlingException', { httpStatus: 400 }))).toBe(true);
    expect(isTransientError(error('timeout', 'TimeoutError'))).toBe(true);
    expect(isTransientError(error('unreachable', 'ECONNRESET'))).toBe(true);
    expect(isTransientError(error('service', 'InternalServerError', { httpStatus: 500 }))).toBe(true);
    expect(isTransientError(error('service', 'ServiceUnavailable', { httpStatus: 503 }))).toBe(true);
  });

  it('says yes to a resource busy with another change, or the role in use by Systems Manager', () => {
    const inUse = 'UpdateMaintenanceWindowTask could not complete: Systems Manager is using the service-linked role AWSServiceRoleForAmazonSSM in us-east-1.';
    expect(isTransientError(error('service', 'TooManyUpdates', { message: inUse, httpStatus: 400 }))).toBe(true);
    expect(isTransientError(error('service', 'TooManyUpdates', { httpStatus: 400 }))).toBe(true);
    expect(isTransientError(error('service', 'ConcurrentModificationException', { httpStatus: 400 }))).toBe(true);
    expect(isTransientError(error('service', 'ConflictException', { httpStatus: 409 }))).toBe(true);
  });

  it('says no to what fails the same way every time', () => {
    expect(isTransientError(error('not-found', 'DoesNotExistException', { httpStatus: 400 }))).toBe(false);
    expect(isTransientError(error('access-denied', 'AccessDeniedException', { httpStatus: 400 }))).toBe(false);
    expect(isTransientError(error('invalid-input', 'ValidationException', { httpStatus: 400 }))).toBe(false);
    expect(isTransientError(error('invalid-credentials', 'UnrecognizedClientException', { httpStatus: 400 }))).toBe(false);
    expect(isTransientError(error('service', 'SomeClientFault', { httpStatus: 400 }))).toBe(false);
    // A failure with no HTTP status (an answer this app could not understand) is not presumed to pass.
    expect(isTransientError(error('service', 'UnknownDeletionStatus'))).toBe(false);
  });
});
