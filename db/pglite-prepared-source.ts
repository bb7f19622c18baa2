/**
 * Named prepared statements for PGlite, as code run inside its worker thread
 * (db/pglite-thread.ts joins it into the worker's source; it is a string so that no separate
 * file has to survive bundling). Plain JavaScript: the worker loads no TypeScript.
 *
 * Why: PGlite's `query` sends every statement unnamed, so PostgreSQL parses and plans it at
 * every run. For the client picker's search, planning its union of index branches took more
 * of PGlite's time than running it (EXPLAIN ANALYZE over the bench's typed queries, 30,000
 * records: 1.4 ms of planning, 0.9 ms of execution). Named once, a statement is parsed once
 * and, after five runs, PostgreSQL keeps a generic plan when it costs no more than the
 * per-value ones: the worker's time per search statement went from 3.7 to 1.2 ms.
 *
 * `runPrepared(db, request)` runs `request.sql` as a named statement, with `request.settings`
 * (`set local …`) in a transaction of its own around it, all in one protocol message. It
 * holds PGlite's own locks meanwhile, as `query` does: no other statement or transaction can
 * come between. It answers null when the process has named MAX_PREPARED_TEXTS texts already,
 * and the caller runs the statement the ordinary way: a mistake that sends input in the SQL
 * text costs speed, never memory.
 *
 * Parameters are serialised as PGlite's `query` serialises them: by the types PostgreSQL
 * inferred for them (asked once, when the statement is named).
 */
export const PREPARED_STATEMENTS_SOURCE = `
const { protocol, parse: pgliteParse } = require(workerData.pglitePath);
const MAX_PREPARED_TEXTS = workerData.maxPreparedTexts;
// SQL text -> { name, parameterTypes }
const preparedTexts = new Map();
let preparedCount = 0;
// The statement no longer fits its plan (a migration changed a table under it), or the server
// forgot it: it is named afresh at its next run.
const STALE_STATEMENT = new Set(['0A000', '26000']);

function protocolMessages(raw) {
  const messages = [];
  new protocol.Parser().parse(raw, (message) => messages.push(message));
  return messages;
}

function concatenated(parts) {
  return Buffer.concat(parts.map((part) => Buffer.from(part)));
}

async function runRaw(db, parts) {
  const messages = protocolMessages(await db.execProtocolRaw(concatenated(parts)));
  return { messages, error: messages.find((message) => message.name === 'error') };
}

async function nameStatement(db, text) {
  const name = 'ps_' + ++preparedCount;
  const { serialize } = protocol;
  const { messages, error } = await runRaw(db, [serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]);
  if (error) throw error;
  const description = messages.find((message) => message.name === 'parameterDescription');
  const entry = { name, parameterTypes: description ? description.dataTypeIDs : [] };
  preparedTexts.set(text, entry);
  return entry;
}

async function runPrepared(db, request, parsers) {
  if (!preparedTexts.has(request.sql) && preparedTexts.size >= MAX_PREPARED_TEXTS) return null;
  return db._runExclusiveTransaction(() =>
    db.runExclusive(async () => {
      const entry = preparedTexts.get(request.sql) || (await nameStatement(db, request.sql));
      const values = request.params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = db.serializers[entry.parameterTypes[i]];
        return serializer ? serializer(value) : value.toString();
      });
      const { serialize } = protocol;
      const parts = [];
      if (request.settings) parts.push(serialize.query('begin; ' + request.settings));
      parts.push(serialize.bind({ statement: entry.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync());
      // After an error the server skips to the sync, and this commit then ends the failed transaction.
      if (request.settings) parts.push(serialize.query('commit'));
      const { messages, error } = await runRaw(db, parts);
      if (error) {
        if (STALE_STATEMENT.has(error.code)) {
          preparedTexts.delete(request.sql);
          await runRaw(db, [serialize.close({ type: 'S', name: entry.name }), serialize.sync()]);
        }
        throw error;
      }
      // The statement's own result: from its bind to its command's completion.
      const from = messages.findIndex((message) => message.name === 'bindComplete');
      const to = messages.findIndex((message, i) => i > from && message.name === 'commandComplete');
      const [result] = pgliteParse.parseResults(messages.slice(from, to + 1), db.parsers, { rowMode: 'array', parsers });
      return result;
    }),
  );
}
`;
