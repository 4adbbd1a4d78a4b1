import { SandboxError, type ServiceName } from '../types';
import { createMalformedRequestError } from './errors';
import type { DecodedCall, WireProtocol, WireRequest, WireResponse } from './wire';
import { escapeXml, writeXmlElement } from './xml';

// The AWS query protocol (IAM, STS) and its EC2 dialect: form-encoded requests, XML responses.

interface Token {
  name?: string;
  index?: number;
  /** The container under this token is a list (`member`/numbered) or a map (`entry.N.key/value`). */
  containerKind?: 'list' | 'map';
}

function tokenize(key: string, service: ServiceName): Token[] {
  const tokens: Token[] = [];
  for (const segment of key.split('.')) {
    const previous = tokens[tokens.length - 1];
    if (segment === 'member' || segment === 'entry') {
      if (!previous) throw createMalformedRequestError(service, `Parameter name ${key} is malformed`);
      previous.containerKind = segment === 'entry' ? 'map' : 'list';
      continue;
    }
    if (/^\d+$/.test(segment)) {
      const index = Number(segment) - 1;
      if (!previous || index < 0 || index > 10_000) throw createMalformedRequestError(service, `Parameter name ${key} is malformed`);
      previous.containerKind ??= 'list';
      tokens.push({ index });
      continue;
    }
    if (segment === '' || segment === '__proto__' || segment === 'constructor' || segment === 'prototype') {
      throw createMalformedRequestError(service, `Parameter name ${key} is malformed`);
    }
    tokens.push({ name: segment });
  }
  return tokens;
}

type Container = Record<string, unknown> | unknown[];

function finish(value: unknown, maps: Set<unknown[]>): unknown {
  if (Array.isArray(value)) {
    const items = value.filter(() => true).map((item) => finish(item, maps));
    if (!maps.has(value)) return items;
    const map: Record<string, unknown> = {};
    for (const entry of items) {
      if (entry && typeof entry === 'object' && 'key' in entry) {
        map[String((entry as { key: unknown }).key)] = (entry as { value?: unknown }).value;
      }
    }
    return map;
  }
  if (value && typeof value === 'object') {
    const object: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) object[key] = finish(member, maps);
    return object;
  }
  return value;
}

/** Turns form parameters into nested input: `A.member.N` and `A.N` become arrays, `A.entry.N.key/value` maps. */
export function decodeQueryParameters(params: URLSearchParams, service: ServiceName): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const maps = new Set<unknown[]>();
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const tokens = tokenize(key, service);
    let container: Container = root;
    tokens.forEach((token, position) => {
      const slot = token.index ?? token.name ?? '';
      const isLast = position === tokens.length - 1;
      const existing = (container as Record<string | number, unknown>)[slot];
      if (isLast) {
        if (existing !== undefined && typeof existing === 'object') {
          throw createMalformedRequestError(service, `Parameter ${key} conflicts with another parameter`);
        }
        (container as Record<string | number, unknown>)[slot] = value;
        return;
      }
      const wantsArray = token.containerKind !== undefined;
      let child = existing;
      if (child === undefined) {
        child = wantsArray ? [] : {};
        if (token.containerKind === 'map') maps.add(child as unknown[]);
        (container as Record<string | number, unknown>)[slot] = child;
      } else if (typeof child !== 'object' || child === null || Array.isArray(child) !== wantsArray) {
        throw createMalformedRequestError(service, `Parameter ${key} conflicts with another parameter`);
      }
      container = child as Container;
    });
  }
  return finish(root, maps) as Record<string, unknown>;
}

function readFormParameters(request: WireRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (request.body.length > 0) {
    const contentType = String(request.headers['content-type'] ?? 'application/x-www-form-urlencoded');
    if (!contentType.includes('application/x-www-form-urlencoded')) {
      throw new SandboxError('MalformedQueryString', `Unsupported content type ${contentType}; expected application/x-www-form-urlencoded`, 400);
    }
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

interface QueryDialect {
  service: ServiceName;
  namespace: string;
  isEc2: boolean;
}

function createQueryFamilyProtocol(dialect: QueryDialect): WireProtocol {
  const contentHeaders = { 'Content-Type': 'text/xml; charset=utf-8' };
  return {
    decode(request: WireRequest): DecodedCall {
      const params = readFormParameters(request);
      const operation = params.get('Action');
      if (!operation) throw new SandboxError('MissingAction', 'The request must contain the parameter Action', 400);
      if (!/^[A-Za-z0-9]{1,128}$/.test(operation)) throw createMalformedRequestError(dialect.service, `Action ${operation} is malformed`);
      const input = decodeQueryParameters(params, dialect.service);
      return { operation, input, apiVersion: params.get('Version') ?? undefined };
    },
    peekOperation(request: WireRequest): string {
      try {
        return readFormParameters(request).get('Action') ?? 'Unknown';
      } catch {
        return 'Unknown';
      }
    },
    encodeResult(call: DecodedCall, output: unknown, requestId: string): WireResponse {
      const out: string[] = [`<${call.operation}Response xmlns="${dialect.namespace}">`];
      if (dialect.isEc2) {
        out.push(`<requestId>${escapeXml(requestId)}</requestId>`);
        for (const [key, value] of Object.entries((output ?? {}) as Record<string, unknown>)) writeXmlElement(out, key, value, 'item');
      } else {
        if (output !== undefined) writeXmlElement(out, `${call.operation}Result`, output, 'member');
        out.push(`<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>`);
      }
      out.push(`</${call.operation}Response>`);
      return { status: 200, headers: { ...contentHeaders, 'x-amzn-RequestId': requestId }, body: out.join('') };
    },
    encodeError(error: SandboxError, requestId: string): WireResponse {
      const code = escapeXml(error.code);
      const message = escapeXml(error.message);
      const body = dialect.isEc2
        ? `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
        : `<ErrorResponse xmlns="${dialect.namespace}"><Error><Type>${error.fault}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
      return { status: error.httpStatus, headers: { ...contentHeaders, 'x-amzn-RequestId': requestId }, body };
    },
  };
}

export const iamQueryProtocol = createQueryFamilyProtocol({
  service: 'iam',
  namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  isEc2: false,
});

export const stsQueryProtocol = createQueryFamilyProtocol({
  service: 'sts',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  isEc2: false,
});

export const ec2QueryProtocol = createQueryFamilyProtocol({
  service: 'ec2',
  namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  isEc2: true,
});
