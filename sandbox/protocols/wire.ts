import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxError } from '../types';

// What every wire protocol adapter does: turn an HTTP request into an operation call, and a result or an
// error back into the HTTP response AWS would send.

export interface WireRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DecodedCall {
  operation: string;
  input: Record<string, unknown>;
  /** The API version the caller named (query protocols). */
  apiVersion?: string;
}

export interface WireProtocol {
  /** Finds the operation and decodes its input; throws a SandboxError for a malformed or unroutable request. */
  decode(request: WireRequest): DecodedCall;
  /** Names the operation for logs when decoding fails, as far as the request shows it. */
  peekOperation(request: WireRequest): string;
  encodeResult(call: DecodedCall, output: unknown, requestId: string): WireResponse;
  encodeError(error: SandboxError, requestId: string): WireResponse;
}
