import { z } from 'zod';

// Decodes IAM policy documents. IAM sends them URL-encoded (RFC 3986) and the JS SDK hands them over as they
// came, so every document passes through here and leaves as one normalised PolicyDocument type.

const stringOrList = z.union([z.string(), z.array(z.string())]);

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

const principalSchema = z.union([z.literal('*'), z.record(z.string(), stringOrList)]);

const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Principal: principalSchema.optional(),
    NotPrincipal: principalSchema.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.array(z.union([z.string(), z.boolean(), z.number()]))]))).optional(),
  })
  .refine((statement) => statement.Action !== undefined || statement.NotAction !== undefined, {
    message: 'a statement needs Action or NotAction',
  });

const documentSchema = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  // A lone statement object is allowed by IAM's grammar; validate it as a list of one.
  Statement: z.preprocess((value) => (value !== undefined && !Array.isArray(value) ? [value] : value), z.array(statementSchema)),
});

/** Principals normalised: '*' (anyone) or a map of principal type (Service, AWS, Federated…) to a list. */
export type PolicyPrincipal = '*' | Record<string, string[]>;

export type ConditionValue = string | number | boolean;

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principal?: PolicyPrincipal;
  notPrincipal?: PolicyPrincipal;
  /** operator → condition key → values */
  condition?: Record<string, Record<string, ConditionValue[]>>;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

export class PolicyDocumentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyDocumentError';
  }
}

function normalisePrincipal(principal: z.infer<typeof principalSchema> | undefined): PolicyPrincipal | undefined {
  if (principal === undefined || principal === '*') return principal;
  return Object.fromEntries(Object.entries(principal).map(([type, value]) => [type, toList(value)]));
}

type RawStatement = z.infer<typeof statementSchema>;

function normaliseStatement(statement: RawStatement): PolicyStatement {
  const condition = statement.Condition
    ? Object.fromEntries(
        Object.entries(statement.Condition).map(([operator, keys]) => [
          operator,
          Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, Array.isArray(value) ? value : [value]])),
        ]),
      )
    : undefined;
  return {
    ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
    effect: statement.Effect,
    actions: toList(statement.Action),
    notActions: toList(statement.NotAction),
    resources: toList(statement.Resource),
    notResources: toList(statement.NotResource),
    ...(statement.Principal !== undefined ? { principal: normalisePrincipal(statement.Principal) } : {}),
    ...(statement.NotPrincipal !== undefined ? { notPrincipal: normalisePrincipal(statement.NotPrincipal) } : {}),
    ...(condition ? { condition } : {}),
  };
}

/** Checks an already-parsed JSON value and normalises it (Statement, Action, Resource always arrays). */
export function parsePolicyDocument(value: unknown): PolicyDocument {
  const result = documentSchema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new PolicyDocumentError(`The policy document is not a valid IAM policy (${details}).`);
  }
  return {
    ...(result.data.Version !== undefined ? { version: result.data.Version } : {}),
    statements: result.data.Statement.map(normaliseStatement),
  };
}

/**
 * Turns a policy document as IAM returns it into JSON text. URL-encoded text is decoded; text that is already
 * JSON (some endpoints and tools send it decoded) is taken as it is.
 */
export function decodePolicyText(encoded: string): string {
  const text = encoded.trim();
  if (text.startsWith('{')) return text;
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new PolicyDocumentError('The policy document is not valid URL-encoded text.', { cause: error });
  }
}

export interface DecodedPolicy {
  document: PolicyDocument;
  /** The decoded document, pretty-printed, for display and copying. */
  json: string;
}

/** Decodes a URL-encoded policy document (`JSON.parse(decodeURIComponent(doc))`) and validates it. */
export function decodePolicy(encoded: string): DecodedPolicy {
  if (encoded.trim() === '') throw new PolicyDocumentError('The policy document is empty.');
  const text = decodePolicyText(encoded);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyDocumentError('The policy document is not valid JSON after URL-decoding.', { cause: error });
  }
  return { document: parsePolicyDocument(value), json: JSON.stringify(value, null, 2) };
}

/** Decodes a URL-encoded policy document into the normalised PolicyDocument. */
export function decodePolicyDocument(encoded: string): PolicyDocument {
  return decodePolicy(encoded).document;
}

/** Every action a document names in its Allow statements, in order of first appearance, without duplicates. */
export function listAllowedActions(document: PolicyDocument): string[] {
  const seen = new Set<string>();
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const action of statement.actions) seen.add(action);
  }
  return [...seen];
}
