import type { ServiceName } from '../types';
import { createUnknownOperationError } from './errors';
import { parseJsonObject } from './json';
import type { DecodedCall, WireProtocol, WireRequest, WireResponse } from './wire';

// The AWS REST JSON protocol (Resource Groups): operations routed by method and path template; path and query
// parameters are merged into the body's input.

export interface RestRoute {
  method: string;
  /** e.g. `/groups-list` or `/groups/{GroupName}`; `{Name+}` matches the rest of the path. */
  path: string;
  operation: string;
}

interface CompiledRoute extends RestRoute {
  segments: Array<{ literal: string } | { label: string; isGreedy: boolean }>;
}

function compile(route: RestRoute): CompiledRoute {
  const segments = route.path
    .split('?')[0]!
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const label = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      return label ? { label: label[1]!, isGreedy: label[2] === '+' } : { literal: segment };
    });
  return { ...route, method: route.method.toUpperCase(), segments };
}

function matchRoute(route: CompiledRoute, method: string, pathSegments: string[]): Record<string, string> | null {
  if (route.method !== method) return null;
  const labels: Record<string, string> = {};
  for (let index = 0; index < route.segments.length; index += 1) {
    const segment = route.segments[index]!;
    const actual = pathSegments[index];
    if (actual === undefined) return null;
    if ('literal' in segment) {
      if (segment.literal !== actual) return null;
      continue;
    }
    if (segment.isGreedy) {
      labels[segment.label] = pathSegments.slice(index).map(decodeURIComponent).join('/');
      return labels;
    }
    labels[segment.label] = decodeURIComponent(actual);
  }
  return pathSegments.length === route.segments.length ? labels : null;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function createRestJsonProtocol(service: ServiceName, routes: readonly RestRoute[]): WireProtocol {
  const compiled = routes.map(compile);

  function findRoute(request: WireRequest): { route: CompiledRoute; labels: Record<string, string> } | null {
    const pathSegments = request.path.split('/').filter((segment) => segment !== '');
    for (const route of compiled) {
      let labels: Record<string, string> | null;
      try {
        labels = matchRoute(route, request.method.toUpperCase(), pathSegments);
      } catch {
        labels = null; // a malformed percent-escape matches no route
      }
      if (labels) return { route, labels };
    }
    return null;
  }

  return {
    decode(request: WireRequest): DecodedCall {
      const found = findRoute(request);
      if (!found) throw createUnknownOperationError(service, `${request.method} ${request.path}`);
      const input: Record<string, unknown> = { ...parseJsonObject(request.body, service) };
      for (const [name, value] of request.query) {
        // Query parameters keep their wire name and are also offered under the member's PascalCase name.
        input[name] ??= value;
        input[capitalize(name)] ??= value;
      }
      Object.assign(input, found.labels);
      return { operation: found.route.operation, input };
    },
    peekOperation(request: WireRequest): string {
      return findRoute(request)?.route.operation ?? 'Unknown';
    },
    encodeResult(_call: DecodedCall, output: unknown, requestId: string): WireResponse {
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId },
        body: JSON.stringify(output ?? {}),
      };
    },
    encodeError(error, requestId): WireResponse {
      return {
        status: error.httpStatus,
        headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.code },
        body: JSON.stringify({ Message: error.message }),
      };
    },
  };
}
