import 'server-only';
import { ServiceException } from '@smithy/core/client';
import {
  EntityAlreadyExistsException,
  InvalidInputException,
  LimitExceededException,
  NoSuchEntityException,
  ServiceFailureException,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import {
  AccessDeniedException as OrganizationsAccessDeniedException,
  AccountNotFoundException,
  AWSOrganizationsNotInUseException,
  ParentNotFoundException,
  TooManyRequestsException as OrganizationsTooManyRequestsException,
} from '@aws-sdk/client-organizations';
import {
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
} from '@aws-sdk/client-cloudtrail';
import {
  AccessDeniedException as SsmAccessDeniedException,
  DoesNotExistException,
  InternalServerError as SsmInternalServerError,
  ResourceDataSyncNotFoundException,
  ThrottlingException as SsmThrottlingException,
} from '@aws-sdk/client-ssm';

// Maps whatever the SDK throws to the few errors the rest of the app reasons about.

export type AwsErrorKind =
  | 'not-found'
  | 'access-denied'
  | 'throttled'
  | 'invalid-credentials'
  | 'protected'
  | 'conflict'
  | 'invalid-input'
  | 'limit-exceeded'
  | 'timeout'
  | 'unreachable'
  | 'not-in-organization'
  | 'service';

/** Plain, serialisable description of an AWS failure, safe to hand to the UI. */
export interface AwsErrorInfo {
  kind: AwsErrorKind;
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
}

export class AwsError extends Error {
  readonly kind: AwsErrorKind;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;

  constructor(info: AwsErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'AwsError';
    this.kind = info.kind;
    this.code = info.code;
    this.requestId = info.requestId;
    this.httpStatus = info.httpStatus;
  }

  toInfo(): AwsErrorInfo {
    return { kind: this.kind, code: this.code, message: this.message, requestId: this.requestId, httpStatus: this.httpStatus };
  }
}

const ACCESS_DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const THROTTLING_CODES = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const CREDENTIAL_CODES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH']);

function kindOfServiceException(error: ServiceException): AwsErrorKind {
  if (error instanceof NoSuchEntityException || error instanceof DoesNotExistException || error instanceof ResourceDataSyncNotFoundException) {
    return 'not-found';
  }
  if (error instanceof UnmodifiableEntityException) return 'protected';
  if (error instanceof EntityAlreadyExistsException) return 'conflict';
  if (error instanceof InvalidInputException) {
    return /has been taken/i.test(error.message) ? 'conflict' : 'invalid-input';
  }
  if (error instanceof LimitExceededException) return 'limit-exceeded';
  if (error instanceof AWSOrganizationsNotInUseException) return 'not-in-organization';
  if (error instanceof AccountNotFoundException || error instanceof ParentNotFoundException) return 'not-found';
  if (error instanceof OrganizationsAccessDeniedException) return 'access-denied';
  if (error instanceof OrganizationsTooManyRequestsException) return 'throttled';
  if (
    error instanceof InvalidLookupAttributesException ||
    error instanceof InvalidTimeRangeException ||
    error instanceof InvalidMaxResultsException ||
    error instanceof InvalidNextTokenException
  ) {
    return 'invalid-input';
  }
  if (error instanceof SsmAccessDeniedException) return 'access-denied';
  if (error instanceof SsmThrottlingException) return 'throttled';
  if (error instanceof ServiceFailureException || error instanceof SsmInternalServerError) return 'service';
  // Errors that no model declares (throttling, auth) arrive as the base class, named by their wire code.
  if (ACCESS_DENIED_CODES.has(error.name)) return 'access-denied';
  if (THROTTLING_CODES.has(error.name)) return 'throttled';
  if (CREDENTIAL_CODES.has(error.name)) return 'invalid-credentials';
  if (error.name === 'ValidationException' || error.name === 'InvalidParameterValue' || error.name === 'BadRequestException') {
    return 'invalid-input';
  }
  if (error.name === 'NotFoundException' || error.name === 'ResourceNotFoundException') return 'not-found';
  return 'service';
}

/** Turns any thrown value from an SDK call into an AwsError. An AwsError passes through unchanged. */
export function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof ServiceException) {
    return new AwsError(
      {
        kind: kindOfServiceException(error),
        code: error.name,
        message: error.message || error.name,
        requestId: error.$metadata?.requestId,
        httpStatus: error.$metadata?.httpStatusCode,
      },
      { cause: error },
    );
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code ?? error.name;
    let kind: AwsErrorKind = 'service';
    if (CREDENTIAL_CODES.has(error.name)) kind = 'invalid-credentials';
    else if (TIMEOUT_CODES.has(error.name) || TIMEOUT_CODES.has(code)) kind = 'timeout';
    else if (UNREACHABLE_CODES.has(code)) kind = 'unreachable';
    else if (THROTTLING_CODES.has(error.name)) kind = 'throttled';
    return new AwsError({ kind, code, message: error.message || code }, { cause: error });
  }
  return new AwsError({ kind: 'service', code: 'Unknown', message: String(error) });
}

/** Runs one SDK call and rethrows its failure as an AwsError. */
export async function callAws<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toAwsError(error);
  }
}

/**
 * Codes of failures that pass with time: another change to the same resource is in progress, or Systems Manager
 * is using the role right now (the AWS page on the role: clean-up "might fail" then; wait and try again).
 */
const BUSY_CODES = new Set(['TooManyUpdates', 'ConcurrentModificationException', 'ConflictException']);

/**
 * Whether a failure is worth trying again after a wait: throttling, a timeout, a network failure, an AWS-side
 * (5xx) failure, or a resource busy with another change. A missing resource, a denied call, bad input or
 * rejected credentials fail the same way every time, and so does a failure AWS gave no status for.
 */
export function isTransientError(error: AwsError): boolean {
  if (error.kind === 'throttled' || error.kind === 'timeout' || error.kind === 'unreachable') return true;
  if (BUSY_CODES.has(error.code) || /is using the service-linked role/i.test(error.message)) return true;
  return error.kind === 'service' && error.httpStatus !== undefined && error.httpStatus >= 500;
}
