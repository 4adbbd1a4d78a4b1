import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { recordAttempt } from '@/lib/activity/context';
import type { ActivityResult } from '@/lib/activity';
import { markAuditStale } from '@/lib/audit/store';
import { getSettings } from '@/lib/config';
import { markAccountAuditStale } from '@/lib/org/store';
import { toAwsError, type AwsError } from '@/lib/aws/errors';
import type { ActionResult, FieldErrors, ItemOutcome } from '@/lib/actions/result';
import { authorizeAction, hasSession } from '@/lib/security/guard';
import { formDataToObject, parseInput } from '@/lib/validation/schemas';

// The one pipeline every server action runs through: authorise → refuse in read-only mode → parse with zod →
// run the handler → record refusal, success or failure (with request id and account) → mark the audit stale →
// revalidate → answer with an ActionResult. An actions file only declares `export const xAction = defineAction(…)`.

export type { ActionResult, FieldErrors, ItemOutcome } from '@/lib/actions/result';

/** What an action's activity record is about. */
export interface ActionSubject {
  /** The region the change goes to: 'global' for IAM, 'multiple' for a batch across regions. */
  region: string;
  /** The resource acted on: an ARN, an id or a name. */
  name: string;
  /** The account the change is made in, when it is not the caller's own (a member account of an organization). */
  accountId?: string;
  /** The call's parameters as recorded (keys that look like secrets are redacted by the log). */
  parameters?: Record<string, unknown>;
}

export interface ActionDefinition<S extends z.ZodType> {
  /** The AWS operation the activity log records, e.g. 'UpdateRole'. */
  operation: string;
  schema: S;
  /** True when the action can change anything: refused in read-only mode, and recorded. */
  mutates: boolean;
  /** The record's subject; a function gets the parsed input, or null (and the raw input) before parsing. */
  subject: ActionSubject | ((input: z.output<S> | null, raw: unknown) => ActionSubject);
  /** When set, a change that succeeded marks the stored audit stale with this reason. */
  staleReason?: string;
  /** The message for a failed AWS call the handler let through (default: what AWS said, with the request id). */
  describeFailure?: (error: AwsError, input: z.output<S>) => string | undefined;
}

/** What a handler answers: the action's result plus what its activity record needs. */
export type HandlerOutcome<T> =
  | { ok: true; data: T; message?: string; requestId?: string; subject?: Partial<ActionSubject> }
  | {
      ok: false;
      message: string;
      fieldErrors?: FieldErrors;
      /** 'refused' when the request was turned down before any change was tried (the default), 'failed' after. */
      result?: Exclude<ActivityResult, 'succeeded'>;
      requestId?: string;
      subject?: Partial<ActionSubject>;
    };

export interface ItemChange<R extends { requestId?: string }> {
  /** The key the page knows the item by (its ARN or id). */
  key: string;
  subject?: Partial<ActionSubject>;
  run: () => Promise<R>;
  successMessage: string;
  /** The message shown for a failure (the record always keeps what AWS said). */
  describeFailure?: (error: AwsError) => string | undefined;
  /** Whether a failure is worth retrying after a wait. */
  isTransient?: (error: AwsError) => boolean;
}

export interface ActionContext {
  /** Records a further call of this action (e.g. AttachRolePolicy after CreateRole), after the action's own record. */
  record(attempt: {
    operation?: string;
    result: ActivityResult;
    message: string;
    requestId?: string;
    subject?: Partial<ActionSubject>;
  }): Promise<void>;
  /** Runs one change on one item of a batch and records it; a failure is an outcome, never a throw. */
  runItem<R extends { requestId?: string }>(change: ItemChange<R>): Promise<ItemOutcome>;
  /** Says the account changed (for an action that does not itself mutate, e.g. a poll that sees a deletion end). */
  markChanged(reason: string): void;
}

/** AWS's own account of a failure, with its request id, as the log keeps it. */
export function describeAwsFailure(error: AwsError): string {
  const requestId = error.requestId ? ` (request id ${error.requestId})` : '';
  return `${error.code}: ${error.message}${requestId}`;
}

function withRequestId(requestId: string | undefined): { requestId?: string } {
  return requestId ? { requestId } : {};
}

/** Marks the audit of the account a change was made in out of date: the caller's own, or a member account's. */
async function markStale(reason: string, accountId: string | undefined): Promise<void> {
  if (!accountId) return markAuditStale(reason);
  await markAuditStale(reason, { target: getSettings().ATLAS_TARGET, accountId });
  await markAccountAuditStale(accountId, reason);
}

/** Builds a server action from its definition and handler: `export const xAction = defineAction({ … }, handler)`. */
export function defineAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S>,
  handler: (input: z.output<S>, context: ActionContext) => Promise<HandlerOutcome<T>>,
): (input?: unknown) => Promise<ActionResult<T>> {
  const subjectOf = (input: z.output<S> | null, raw: unknown): ActionSubject =>
    typeof definition.subject === 'function' ? definition.subject(input, raw) : definition.subject;

  async function record(subject: ActionSubject, operation: string, result: ActivityResult, message: string, requestId?: string): Promise<void> {
    await recordAttempt({
      operation,
      region: subject.region,
      subject: subject.name,
      parameters: subject.parameters ?? {},
      result,
      message,
      ...withRequestId(requestId),
      ...(subject.accountId ? { accountId: subject.accountId } : {}),
    });
  }

  return async function runAction(raw?: unknown): Promise<ActionResult<T>> {
    const input = raw instanceof FormData ? formDataToObject(raw) : raw;
    const authorization = await authorizeAction({ mutates: definition.mutates });
    if (!authorization.ok) {
      // A refusal for want of a session is not recorded: anyone who can reach the server could fill the log.
      if (await hasSession()) await record(subjectOf(null, input), definition.operation, 'refused', authorization.message);
      return { ok: false, message: authorization.message };
    }
    const parsed = parseInput(definition.schema, input);
    if (!parsed.ok) {
      await record(subjectOf(null, input), definition.operation, 'refused', parsed.message);
      return { ok: false, message: parsed.message, ...(parsed.fieldErrors ? { fieldErrors: parsed.fieldErrors } : {}) };
    }
    const subject = subjectOf(parsed.data, input);

    let itemCount = 0;
    let hasItemSucceeded = false;
    const changes: string[] = [];
    const furtherRecords: Array<() => Promise<void>> = [];
    const context: ActionContext = {
      async record(attempt) {
        furtherRecords.push(() =>
          record({ ...subject, ...attempt.subject }, attempt.operation ?? definition.operation, attempt.result, attempt.message, attempt.requestId),
        );
      },
      async runItem(change) {
        itemCount += 1;
        const itemSubject = { ...subject, ...change.subject };
        try {
          const result = await change.run();
          hasItemSucceeded = true;
          await record(itemSubject, definition.operation, 'succeeded', change.successMessage, result.requestId);
          return { key: change.key, ok: true, message: change.successMessage, ...withRequestId(result.requestId) };
        } catch (error) {
          const failure = toAwsError(error);
          await record(itemSubject, definition.operation, 'failed', describeAwsFailure(failure), failure.requestId);
          return {
            key: change.key,
            ok: false,
            message: change.describeFailure?.(failure) ?? describeAwsFailure(failure),
            isTransient: change.isTransient?.(failure) ?? false,
            ...withRequestId(failure.requestId),
          };
        }
      },
      markChanged(reason) {
        changes.push(reason);
      },
    };

    let outcome: HandlerOutcome<T>;
    try {
      outcome = await handler(parsed.data, context);
    } catch (error) {
      const failure = toAwsError(error);
      const message = definition.describeFailure?.(failure, parsed.data) ?? describeAwsFailure(failure);
      outcome = { ok: false, result: 'failed', message, ...withRequestId(failure.requestId) };
    }

    // A batch records each item; any other action records its one outcome (a read records only what it chose to).
    const isRecorded = itemCount > 0 || (!definition.mutates && outcome.ok);
    if (!isRecorded) {
      const result: ActivityResult = outcome.ok ? 'succeeded' : (outcome.result ?? 'refused');
      const message = outcome.message ?? `${definition.operation} succeeded.`;
      await record({ ...subject, ...outcome.subject }, definition.operation, result, message, outcome.requestId);
    }
    for (const write of furtherRecords) await write();
    const hasChanged = itemCount > 0 ? hasItemSucceeded : definition.mutates && outcome.ok;
    if (hasChanged && definition.staleReason) changes.push(definition.staleReason);
    for (const reason of changes.slice(0, 1)) await markStale(reason, subject.accountId);
    if (hasChanged || changes.length > 0) revalidatePath('/', 'layout');

    if (!outcome.ok) return { ok: false, message: outcome.message, ...(outcome.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) };
    return { ok: true, data: outcome.data };
  };
}
