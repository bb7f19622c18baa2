/**
 * Expected refusals of the client write commands, with a `code` so callers never match on
 * message text. Recognised by a `Symbol.for` brand (never `instanceof`: Next can load this
 * module once per server bundle). The DAL turns them into ActionErrors for people.
 */
const CLIENT_COMMAND_ERROR = Symbol.for('practice-sync.client-command-error');

export type ClientCommandErrorCode =
  /** The client's version moved since the editor loaded it. */
  | 'stale'
  | 'not_found'
  /** A contact id sent back does not belong to the client (changed while editing). */
  | 'contact_changed';

export class ClientCommandError extends Error {
  readonly [CLIENT_COMMAND_ERROR] = true;
  constructor(
    readonly code: ClientCommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClientCommandError';
  }
}

export function isClientCommandError(error: unknown): error is ClientCommandError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[CLIENT_COMMAND_ERROR] === true;
}
