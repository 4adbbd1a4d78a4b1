import { SandboxError, type ServiceName } from '../types';
import { createMalformedRequestError, createUnknownOperationError } from './errors';
import type { DecodedCall, WireProtocol, WireRequest, WireResponse } from './wire';

// The AWS JSON 1.1 protocol (SSM, Resource Groups Tagging): POST /, operation named by X-Amz-Target.

function parseJsonObject(body: Buffer, service: ServiceName): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw createMalformedRequestError(service, 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw createMalformedRequestError(service, 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export { parseJsonObject };

/** The member that carries an error's message, where a service capitalises it. */
const ERROR_MESSAGE_KEYS: Partial<Record<ServiceName, 'Message'>> = { organizations: 'Message' };

function readTarget(request: WireRequest): string {
  return String(request.headers['x-amz-target'] ?? '');
}

/** `targetPrefixes`: the X-Amz-Target prefixes accepted (botocore sends a service's full one, some SDKs a short one). */
export function createJsonProtocol(service: ServiceName, ...targetPrefixes: string[]): WireProtocol {
  const contentType = 'application/x-amz-json-1.1';
  const messageKey = ERROR_MESSAGE_KEYS[service] ?? 'message';
  return {
    decode(request: WireRequest): DecodedCall {
      const target = readTarget(request);
      const separator = target.lastIndexOf('.');
      const prefix = target.slice(0, separator);
      const operation = target.slice(separator + 1);
      if (separator < 0 || !targetPrefixes.includes(prefix) || !/^[A-Za-z0-9]{1,128}$/.test(operation)) {
        throw createUnknownOperationError(service, target || '(no X-Amz-Target)');
      }
      if (request.method !== 'POST') throw new SandboxError('UnknownOperationException', `Method ${request.method} is not supported`, 400);
      return { operation, input: parseJsonObject(request.body, service) };
    },
    peekOperation(request: WireRequest): string {
      const target = readTarget(request);
      return target.slice(target.lastIndexOf('.') + 1) || 'Unknown';
    },
    encodeResult(_call: DecodedCall, output: unknown, requestId: string): WireResponse {
      return {
        status: 200,
        headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
        body: JSON.stringify(output ?? {}),
      };
    },
    encodeError(error: SandboxError, requestId: string): WireResponse {
      return {
        status: error.httpStatus,
        headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
        body: JSON.stringify({ __type: error.code, [messageKey]: error.message, ...error.fields }),
      };
    },
  };
}

export const ssmJsonProtocol = createJsonProtocol('ssm', 'AmazonSSM');
export const cloudTrailJsonProtocol = createJsonProtocol(
  'cloudtrail',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101',
  'CloudTrail_20131101',
);
export const taggingJsonProtocol = createJsonProtocol('tagging', 'ResourceGroupsTaggingAPI_20170126');
export const organizationsJsonProtocol = createJsonProtocol('organizations', 'AWSOrganizationsV20161128');
