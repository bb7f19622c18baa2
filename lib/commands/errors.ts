import type { FailureCode } from '@/lib/failure-codes';

const COMMAND_ERROR = Symbol.for('practice-sync.CommandError');

/**
 * An expected refusal from a write command: a rule said no, the row is gone, the caller's
 * view is stale. Nothing was written (the caller's transaction rolls back). The message is
 * for people; `code` is for code. Jobs and webhooks read the code; the action helper
 * (lib/dal/action.ts) turns it into a failed result.
 */
export class CommandError extends Error {
  readonly [COMMAND_ERROR] = true;
  constructor(
    readonly code: Exclude<FailureCode, 'signed_out' | 'unexpected'>,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** By its `Symbol.for` brand, never `instanceof`: Next may load this module once per server bundle. */
export function isCommandError(error: unknown): error is CommandError {
  return typeof error === 'object' && error !== null && (error as { [COMMAND_ERROR]?: unknown })[COMMAND_ERROR] === true;
}
