import 'server-only';
import type { z } from 'zod';
import type { MemberRole } from '@/db/schema';
import { isCommandError } from '@/lib/commands/errors';
import type { FailureCode } from '@/lib/failure-codes';
import { describeErrorForLog } from '@/lib/log-safe-error';
import { currentMember, type Member } from './session';

/**
 * The one typed helper every server action goes through: authenticate → validate →
 * check the role → run → a small result. Never a row, a token or a stack trace.
 */
export type FieldErrors = Record<string, string[]>;
/** `code` says what kind of failure it is (the UI branches on it); `formError` says it in words. */
export type ActionFailure = { ok: false; code: FailureCode; fieldErrors?: FieldErrors; formError?: string };
export type { FailureCode };
export type ActionResult<T = void> = ({ ok: true } & (T extends void ? object : { data: T })) | ActionFailure;

const ACTION_ERROR = Symbol.for('practice-sync.ActionError');

/**
 * An expected failure: becomes a message for the person, not a log line. Without a code it
 * is `invalid` when it names fields and `refused` (a rule said no) otherwise.
 */
export class ActionError extends Error {
  readonly [ACTION_ERROR] = true;
  readonly code: Exclude<FailureCode, 'unexpected'>;
  constructor(
    readonly formError?: string,
    readonly fieldErrors?: FieldErrors,
    code?: Exclude<FailureCode, 'unexpected'>,
  ) {
    super(formError ?? 'Action failed');
    this.name = 'ActionError';
    this.code = code ?? (fieldErrors ? 'invalid' : 'refused');
  }
}

/**
 * Recognised by a `Symbol.for` brand, never `instanceof`: Next may load this module once per
 * server bundle, and an ActionError thrown by one copy must still read as expected in another.
 */
export function isActionError(error: unknown): error is ActionError {
  return typeof error === 'object' && error !== null && (error as { [ACTION_ERROR]?: unknown })[ACTION_ERROR] === true;
}

export const MESSAGES = {
  signedOut: 'Your session has ended. Sign in again to continue.',
  forbidden: 'Only a practice admin can do this.',
  invalid: 'Some fields need attention.',
  unexpected: 'Something went wrong on our side and nothing was saved. Please try again.',
} as const;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export interface ActionDefinition<S extends z.ZodType, R> {
  schema: S;
  roles: readonly MemberRole[];
  run(input: z.output<S>, member: Member): Promise<R>;
}

export function createActionHelper(getMember: () => Promise<Member | null>) {
  return function defineAction<S extends z.ZodType, R = void>(definition: ActionDefinition<S, R>) {
    return async (raw: unknown): Promise<ActionResult<R>> => {
      const member = await getMember();
      if (!member) return { ok: false, code: 'signed_out', formError: MESSAGES.signedOut };
      const parsed = definition.schema.safeParse(raw);
      if (!parsed.success) return { ok: false, code: 'invalid', formError: MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
      if (!definition.roles.includes(member.role)) return { ok: false, code: 'forbidden', formError: MESSAGES.forbidden };
      try {
        const data = await definition.run(parsed.data, member);
        return (data === undefined ? { ok: true } : { ok: true, data }) as ActionResult<R>;
      } catch (error) {
        if (isActionError(error)) {
          return { ok: false, code: error.code, formError: error.formError, fieldErrors: error.fieldErrors };
        }
        // A write command's refusal (lib/commands): expected, with its code.
        if (isCommandError(error)) return { ok: false, code: error.code, formError: error.message };
        // Unexpected: log for engineers (no input echoed: it may hold passwords, and a failed
        // query's parameters are the input too), generic for people.
        console.error('[action] unexpected failure', describeErrorForLog(error));
        return { ok: false, code: 'unexpected', formError: MESSAGES.unexpected };
      }
    };
  };
}

export const defineAction = createActionHelper(currentMember);
