import { SandboxError, type ServiceName } from '../types';

// The errors AWS sends for protocol-level failures, in each service's own codes and HTTP statuses.

const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
const EC2_AUTH_FAILURE_MESSAGE = 'AWS was not able to validate the provided access credentials';

function isQueryService(service: ServiceName): boolean {
  return service === 'iam' || service === 'sts';
}

export function createMissingAuthenticationError(service: ServiceName): SandboxError {
  if (isQueryService(service)) return new SandboxError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  if (service === 'ec2') return new SandboxError('MissingAuthenticationToken', 'Request is missing Authentication Token', 401);
  if (service === 'resource-groups') return new SandboxError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  return new SandboxError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
}

/** A rejected access key, and equally a call to a region that is not enabled for the account. */
export function createInvalidTokenError(service: ServiceName): SandboxError {
  if (isQueryService(service)) return new SandboxError('InvalidClientTokenId', INVALID_TOKEN_MESSAGE, 403);
  if (service === 'ec2') return new SandboxError('AuthFailure', EC2_AUTH_FAILURE_MESSAGE, 401);
  if (service === 'resource-groups') return new SandboxError('UnrecognizedClientException', INVALID_TOKEN_MESSAGE, 403);
  return new SandboxError('UnrecognizedClientException', INVALID_TOKEN_MESSAGE, 400);
}

/** Session credentials past their expiration. */
export function createExpiredTokenError(service: ServiceName): SandboxError {
  if (isQueryService(service)) return new SandboxError('ExpiredToken', EXPIRED_TOKEN_MESSAGE, 403);
  if (service === 'ec2') return new SandboxError('RequestExpired', 'Request has expired.', 400);
  if (service === 'resource-groups') return new SandboxError('ExpiredTokenException', EXPIRED_TOKEN_MESSAGE, 403);
  return new SandboxError('ExpiredTokenException', EXPIRED_TOKEN_MESSAGE, 400);
}

export function createUnknownOperationError(service: ServiceName, operation: string, apiVersion?: string): SandboxError {
  if (isQueryService(service)) {
    return new SandboxError('InvalidAction', `Could not find operation ${operation} for version ${apiVersion ?? 'unknown'}`, 400);
  }
  if (service === 'ec2') return new SandboxError('InvalidAction', `The action ${operation} is not valid for this web service.`, 400);
  if (service === 'resource-groups') return new SandboxError('UnknownOperationException', `No operation matches ${operation}`, 404);
  return new SandboxError('UnknownOperationException', `Operation ${operation} is not supported by this service`, 400);
}

export function createMalformedRequestError(service: ServiceName, detail: string): SandboxError {
  if (isQueryService(service) || service === 'ec2') return new SandboxError('MalformedQueryString', detail, 400);
  return new SandboxError('SerializationException', detail, 400);
}

export function createThrottlingError(service: ServiceName): SandboxError {
  if (isQueryService(service)) return new SandboxError('Throttling', 'Rate exceeded', 400);
  if (service === 'ec2') return new SandboxError('RequestLimitExceeded', 'Request limit exceeded.', 503, 'Sender');
  if (service === 'resource-groups') return new SandboxError('TooManyRequestsException', 'Rate exceeded', 429);
  if (service === 'organizations') {
    return new SandboxError(
      'TooManyRequestsException',
      'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
      400,
    );
  }
  return new SandboxError('ThrottlingException', 'Rate exceeded', 400);
}

export function createInternalFailureError(service: ServiceName): SandboxError {
  if (isQueryService(service)) return new SandboxError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  if (service === 'ec2') return new SandboxError('InternalError', 'An internal error has occurred', 500);
  if (service === 'resource-groups') return new SandboxError('InternalServerErrorException', 'An internal error occurred while processing the request.', 500);
  if (service === 'organizations') return new SandboxError('ServiceException', 'Organizations can\'t complete your request because of an internal service error. Try again later.', 500);
  if (service === 'tagging') return new SandboxError('InternalServiceException', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  return new SandboxError('InternalServerError', 'An error occurred on the server side.', 500);
}

const IAM_ACTION_PREFIX: Record<ServiceName, string> = {
  organizations: 'organizations',
  iam: 'iam',
  sts: 'sts',
  ec2: 'ec2',
  ssm: 'ssm',
  tagging: 'tag',
  'resource-groups': 'resource-groups',
  cloudtrail: 'cloudtrail',
};

export function createAccessDeniedError(service: ServiceName, operation: string, callerArn: string, accountId: string, region: string): SandboxError {
  const action = `${IAM_ACTION_PREFIX[service]}:${operation}`;
  const isGlobal = service === 'iam' || service === 'sts' || service === 'organizations';
  const resource = isGlobal ? `arn:aws:${service}::${accountId}:*` : `arn:aws:${service === 'tagging' ? 'tag' : service}:${region}:${accountId}:*`;
  const message = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  if (isQueryService(service)) return new SandboxError('AccessDenied', message, 403);
  if (service === 'ec2') return new SandboxError('UnauthorizedOperation', `You are not authorized to perform this operation. ${message}`, 403);
  if (service === 'resource-groups') return new SandboxError('AccessDeniedException', message, 403);
  return new SandboxError('AccessDeniedException', message, 400);
}

/** A transient refusal of a clean-up call while Systems Manager is still using the service-linked role. */
export function createRoleInUseError(service: ServiceName, operation: string, region: string): SandboxError {
  const message = `${operation} could not complete: Systems Manager is using the service-linked role AWSServiceRoleForAmazonSSM in ${region}. Wait a few minutes and try again.`;
  if (service === 'tagging') return new SandboxError('ConcurrentModificationException', message, 400);
  if (service === 'resource-groups') return new SandboxError('ConflictException', message, 409);
  return new SandboxError('TooManyUpdates', message, 400);
}
