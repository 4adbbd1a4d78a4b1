import type { z } from 'zod';
import { SandboxError } from '../types';

// Request checking shared by the SSM, Resource Groups and tagging handlers: zod schemas mirror the AWS models'
// constraints, and a failed check becomes the service's validation error, worded the way AWS words it
// ("1 validation error detected: Value '5' at 'maxResults' failed to satisfy constraint: …").

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** AWS names members in lower camel case and counts list positions from 1. */
function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((key) => {
      if (typeof key === 'number') return String(key + 1);
      const text = String(key);
      return text.charAt(0).toLowerCase() + text.slice(1);
    })
    .join('.');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function describeConstraint(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
        ? `Member must have value greater than or equal to ${String(issue.minimum)}`
        : `Member must have length greater than or equal to ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
        ? `Member must have value less than or equal to ${String(issue.maximum)}`
        : `Member must have length less than or equal to ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue && typeof issue.pattern === 'string'
        ? `Member must satisfy regular expression pattern: ${issue.pattern.replace(/^\/|\/[a-z]*$/g, '')}`
        : `Member must satisfy the ${issue.format} format`;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    case 'invalid_type':
      return issue.expected === 'nonoptional' ? 'Member must not be null' : `Member must be of type ${issue.expected}`;
    default:
      return issue.message;
  }
}

/**
 * The request's input checked against `schema`, or a SandboxError with `code` (ValidationException for SSM,
 * BadRequestException for Resource Groups, InvalidParameterException for tagging).
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  code = 'ValidationException',
): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues;
  const details = issues.map((issue) => {
    if (issue.code === 'custom') return issue.message;
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_type' && value === undefined) {
      return `Value null at '${describePath(issue.path)}' failed to satisfy constraint: Member must not be null`;
    }
    return `Value '${describeValue(value)}' at '${describePath(issue.path)}' failed to satisfy constraint: ${describeConstraint(issue)}`;
  });
  const count = details.length;
  throw new SandboxError(code, `${count} validation error${count === 1 ? '' : 's'} detected: ${details.join('; ')}`);
}

/** The string `token` of a list request, or undefined when it is absent or empty (AWS treats "" as no token). */
export function optionalToken(token: string | null | undefined): string | undefined {
  return token === null || token === undefined || token === '' ? undefined : token;
}

/** Epoch seconds, the form JSON protocols give timestamps in. */
export function toEpochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
