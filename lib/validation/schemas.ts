import { z } from 'zod';
import { COMMERCIAL_REGIONS, isKnownRegion } from '@/lib/regions';

// The shapes every server action and route handler accepts, with messages an administrator can act on.
// Patterns follow the AWS API models (IAM and SSM service-2.json).

/** A type error that says “required” when the field is missing, and what is expected otherwise. */
function typeError(label: string, expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `${label} is required.` : expected);
}

const REGION_EXAMPLES = COMMERCIAL_REGIONS.slice(0, 3)
  .map((region) => region.code)
  .join(', ');

export const regionCodeSchema = z
  .string({ error: typeError('Region', 'Region must be a region code such as us-east-1.') })
  .max(32, { error: 'Region code is too long: region codes are at most 32 characters.' })
  .refine(isKnownRegion, {
    error: (issue) => `Unknown region “${String(issue.input)}”: expected an AWS region code (${REGION_EXAMPLES}, …).`,
  });

export const windowIdSchema = z
  .string({ error: typeError('Maintenance window id', 'Maintenance window id must be text such as mw-0123456789abcdef0.') })
  .regex(/^mw-[0-9a-f]{17}$/, { error: 'Maintenance window id must be “mw-” followed by 17 hexadecimal digits.' });

export const windowTaskIdSchema = z
  .string({ error: typeError('Maintenance window task id', 'Maintenance window task id must be text (a UUID).') })
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    error: 'Maintenance window task id must be a UUID such as 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.',
  });

export const accountIdSchema = z
  .string({ error: typeError('Account id', 'Account id must be text.') })
  .regex(/^\d{12}$/, { error: 'Account id must be 12 digits.' });

/** IAM role names: 1–64 characters from letters, digits and + = , . @ _ - */
export const roleNameSchema = z
  .string({ error: typeError('Role name', 'Role name must be text.') })
  .min(1, { error: 'Role name is required.' })
  .max(64, { error: 'Role name is at most 64 characters.' })
  .regex(/^[\w+=,.@-]+$/, { error: 'Role name may contain only letters, digits and + = , . @ _ -' });

/** IAM paths: “/” or “/segment/…/”, at most 512 characters. */
export const rolePathSchema = z
  .string({ error: typeError('Role path', 'Role path must be text.') })
  .max(512, { error: 'Role path is at most 512 characters.' })
  .regex(/^\/(?:[\u0021-\u002E\u0030-\u007E]+\/)*$/, { error: 'Role path must start and end with “/”, such as /service-role/.' });

/** Role descriptions: at most 1000 characters from the set IAM accepts. */
export const descriptionSchema = z
  .string({ error: typeError('Description', 'Description must be text.') })
  .max(1000, { error: 'Description is at most 1000 characters.' })
  .regex(/^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, {
    error: 'Description may contain only printable Latin-1 characters, tabs and line breaks.',
  });

const ROLE_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]{1,64})$/;

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  path: string;
  roleName: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | null {
  const match = ROLE_ARN_PATTERN.exec(arn);
  if (!match) return null;
  const [, partition, accountId, path, roleName] = match as unknown as [string, string, string, string, string];
  return { partition, accountId, path, roleName };
}

const ROLE_ARN_FORMAT_MESSAGE = 'Role ARN must look like arn:aws:iam::123456789012:role/path/RoleName.';

/** A well-formed IAM role ARN in any account. Prefer roleArnSchemaFor(accountId) wherever the account is known. */
export const roleArnSchema = z
  .string({ error: typeError('Role ARN', 'Role ARN must be text.') })
  .max(2048, { error: 'Role ARN is at most 2048 characters.' })
  .refine((value) => parseRoleArn(value) !== null, { error: ROLE_ARN_FORMAT_MESSAGE });

/** A role ARN of the current account (and partition, when given): the dashboard never hands out another's role. */
export function roleArnSchemaFor(accountId: string, partition?: string) {
  return roleArnSchema.superRefine((value, context) => {
    const parsed = parseRoleArn(value);
    if (!parsed) return;
    if (parsed.accountId !== accountId) {
      context.addIssue({
        code: 'custom',
        message: `The role belongs to account ${parsed.accountId}, not to the current account ${accountId}.`,
      });
    } else if (partition && parsed.partition !== partition) {
      context.addIssue({ code: 'custom', message: `The role is in partition ${parsed.partition}, not ${partition}.` });
    }
  });
}

export interface ValidationFailure {
  message: string;
  fieldErrors: Record<string, string[]>;
}

/** Turns a ZodError into one sentence and per-field messages, as server actions return them. */
export function toValidationFailure(error: z.ZodError): ValidationFailure {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    const message = describeIssue(issue);
    if (key) (fieldErrors[key] ??= []).push(message);
    else formErrors.push(message);
  }
  const first = error.issues[0];
  const firstKey = first?.path.map(String).join('.');
  const summary = first ? (firstKey ? `${firstKey}: ${describeIssue(first)}` : describeIssue(first)) : 'The input is not valid.';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return { message: `Invalid input — ${summary}${more}`, fieldErrors: { ...fieldErrors, ...(formErrors.length ? { _form: formErrors } : {}) } };
}

/** zod's default wording for a missing value ("expected string, received undefined") says it plainly instead. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return issue.path.length === 0 ? 'The request carried no input.' : 'This field is required.';
  }
  return issue.message;
}

export type ParseResult<T> = { ok: true; data: T } | ({ ok: false } & ValidationFailure);

/** Parses input with a schema and returns a value, never throws: the shape server actions answer with. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, ...toValidationFailure(result.error) };
}

/** A FormData as a plain object (repeated keys become arrays; files are dropped), ready for parseInput. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
