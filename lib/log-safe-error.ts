/**
 * A log line for an unexpected error that never carries what was queried with.
 *
 * A failed query's error holds its parameters (search text, practice ids, emails…):
 * Drizzle's DrizzleQueryError says "params: …" in its message and keeps them in `params`;
 * PGlite's errors keep `query` and `params`; and PostgreSQL's own message or `detail` may
 * quote a value ('invalid input syntax for type uuid: "…"', 'Key (email)=(…)'). Printing
 * the error object prints all of that. For database errors this says only what identifies
 * the failure — the error's name, SQLSTATE code, constraint/table/column names and the SQL
 * text (placeholders, not values) — and the stack frames without the message line.
 * Other errors keep their message: they are ours and hold no input (see lib/dal/action.ts).
 */
const MAX_SQL_LENGTH = 500;
const MAX_CAUSES = 5;

type Bag = Record<string, unknown>;

function isObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Duck-typed on purpose: errors from another bundle's copy of a driver fail instanceof. */
export function isDatabaseError(error: unknown): boolean {
  if (!isObject(error)) return false;
  if (error.name === 'DrizzleQueryError' || 'params' in error) return true;
  if (typeof error.message === 'string' && error.message.startsWith('Failed query:')) return true;
  return typeof error.code === 'string' && SQLSTATE.test(error.code) && ('severity' in error || 'routine' in error);
}

function describeOne(error: unknown): string {
  if (!isObject(error)) return typeof error === 'string' ? 'non-Error value thrown' : `non-Error value thrown (${typeof error})`;
  const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
  if (!isDatabaseError(error)) return `${name}: ${typeof error.message === 'string' ? error.message : ''}`;
  const facts: string[] = [];
  if (typeof error.code === 'string' && SQLSTATE.test(error.code)) facts.push(`SQLSTATE ${error.code}`);
  for (const key of ['constraint', 'table', 'column'] as const) {
    const value = error[key];
    if (typeof value === 'string' && /^[\w.]{1,128}$/.test(value)) facts.push(`${key} ${value}`);
  }
  if (typeof error.query === 'string') {
    const sql = error.query.replace(/\s+/g, ' ').trim();
    facts.push(`sql: ${sql.length > MAX_SQL_LENGTH ? `${sql.slice(0, MAX_SQL_LENGTH)}…` : sql}`);
  }
  return facts.length > 0 ? `${name} (${facts.join('; ')})` : name;
}

/** The stack's "at …" frames only: V8 puts the message (with any values) on the first lines. */
function frames(error: unknown): string {
  if (!isObject(error) || typeof error.stack !== 'string') return '';
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

export function describeErrorForLog(error: unknown): string {
  return [describeErrorForPeople(error), frames(error)].filter(Boolean).join('\n');
}

/**
 * The same description without the stack: for details people can open (a sync run's
 * "raw detail"), which must not show the server's file paths.
 */
export function describeErrorForPeople(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    parts.push(describeOne(current));
    current = isObject(current) ? current.cause : undefined;
  }
  return parts.join(' ← caused by ');
}

/**
 * The same rule for log lines we do not write ourselves: Next logs an error thrown while
 * rendering a page (a failed query in a server component) by passing the error object to
 * console.error, which prints its message and own properties — the parameters. Arguments
 * that are database errors are replaced by their safe description; everything else passes.
 */
export function redactLogArguments(args: unknown[]): unknown[] {
  return args.map((arg) => (isDatabaseError(arg) || (isObject(arg) && isDatabaseError(arg.cause)) ? describeErrorForLog(arg) : arg));
}

const INSTALLED = Symbol.for('practice-sync.log-redaction');

/** Wraps console.error and console.warn once per process (instrumentation-node.ts). */
export function installLogRedaction(target: Pick<Console, 'error' | 'warn'> = console): void {
  const host = target as typeof target & { [INSTALLED]?: true };
  if (host[INSTALLED]) return;
  host[INSTALLED] = true;
  for (const level of ['error', 'warn'] as const) {
    const original = target[level].bind(target);
    target[level] = (...args: unknown[]) => original(...redactLogArguments(args));
  }
}
