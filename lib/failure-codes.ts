/**
 * Why an action or a command did not do what was asked, as a closed set. The UI decides
 * what to do from the code (offer a reload on `stale`, a sign-in on `signed_out`) and shows
 * the message as it is: it never tests a message's words. Dependency-free, so client
 * components import it.
 */
export const FAILURE_CODES = [
  /** No session, or it ended. */
  'signed_out',
  /** The member's role may not do this. */
  'forbidden',
  /** The input is malformed (field errors say where). */
  'invalid',
  /** The thing acted on does not exist here (or belongs to another practice). */
  'not_found',
  /** Someone changed it since the page was loaded: nothing was written; reload and retry. */
  'stale',
  /** A concurrent change won a race (a lock, a unique index): nothing was written; retry. */
  'conflict',
  /** An app's rate limit (or ours) said wait. */
  'rate_limited',
  /** A connected app failed or refused; its message says how. */
  'upstream',
  /** A product rule refuses the request as asked; the message says why and how to proceed. */
  'refused',
  /** Our bug or an outage: logged, and shown as a generic message. */
  'unexpected',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && (FAILURE_CODES as readonly string[]).includes(value);
}
