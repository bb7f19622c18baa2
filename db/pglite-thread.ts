import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_PREPARED_TEXTS } from './prepared-texts';
import { PREPARED_STATEMENTS_SOURCE } from './pglite-prepared-source';

/**
 * PGlite in a worker thread, behind the small part of PGlite's interface that drizzle and this
 * app use (`query`, `exec`, `transaction`, `listen`, `waitReady`, `close`).
 *
 * Why: PGlite is PostgreSQL compiled to WebAssembly, and it runs every statement synchronously
 * on the thread that owns it. On the app's main thread that means a sync run's batch, or one
 * slow search, holds up every other request (issue 10's picker-during-sync and issue 14's
 * 10-user figures). In its own thread the database runs on the machine's second core while the
 * main thread answers HTTP; the main thread only waits for messages.
 *
 * The worker owns the one connection, exactly as before: statements run one at a time, and a
 * transaction holds the connection until it commits or rolls back (other statements queue in
 * the worker, as they did in PGlite's own mutex). The data-directory lock stays with the main
 * thread (db/pglite-lock.ts), which opens and closes the worker.
 */

export interface PgliteQueryOptions {
  rowMode?: 'array' | 'object';
  /** drizzle passes parsers that keep date/time values as text: only such identity parsers are supported. */
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

export interface PgliteResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface PgliteLike {
  query(sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<PgliteResults>;
  exec(sql: string): Promise<PgliteResults[]>;
}

export interface PgliteTransactionLike extends PgliteLike {
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export interface ThreadedPglite extends PgliteLike {
  /** Present so `isEmbedded` (db/open.ts) recognises this as PGlite. */
  waitReady: Promise<void>;
  transaction<T>(callback: (tx: PgliteTransactionLike) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * One statement after `settings` (`set local …` statements), in a transaction of its own that
   * begins and commits inside the worker: one message instead of four (see db/open.ts
   * queryRowsWithSettings), so the connection is never held while this thread is busy elsewhere.
   */
  queryWithSettings(settings: string, sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<PgliteResults>;
  /**
   * As queryWithSettings, with `sql` kept as a named prepared statement in the worker
   * (db/pglite-prepared-source.ts): parsed once, and planned once when a generic plan serves.
   * Only for statements whose text depends on code, never on input.
   */
  queryPrepared(settings: string, sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<PgliteResults>;
  /**
   * How much of the one connection others are using right now: statements sent and not yet
   * answered, plus transactions open (a transaction holds the connection between its
   * statements too). Background work (lib/sync/engine/make-way.ts) waits for 0 before it
   * takes the connection, so people's requests go first.
   */
  busy(): number;
}

type Request =
  | { op: 'query'; sql: string; params: unknown[]; rowMode?: 'array' | 'object'; textTypes: number[]; txId?: number; settings?: string; prepared?: boolean }
  | { op: 'exec'; sql: string; txId?: number }
  | { op: 'begin'; txId: number }
  | { op: 'end'; txId: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'close' };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Record<string, unknown> } | { notify: string; payload: string };

/**
 * The worker's code, run with `eval` so no separate file has to survive bundling. It resolves
 * PGlite from the absolute paths it is given. Transactions: `begin` opens PGlite's own
 * transaction and parks it until `end`; statements that name the transaction run inside it,
 * others wait in PGlite's mutex as they always did.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { pg_trgm } = require(workerData.pgTrgmPath);
${PREPARED_STATEMENTS_SOURCE}
const transactions = new Map();
let db;
const ready = PGlite.create(workerData.dataDir ?? undefined, { extensions: { pg_trgm } }).then((opened) => { db = opened; });
const errorFields = (error) => {
  const fields = { message: String(error && error.message || error), name: error && error.name || 'Error' };
  for (const key of Object.keys(error || {})) {
    const value = error[key];
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return fields;
};
const identity = (value) => value;
// Transactions being opened: a transaction's statements are sent right behind its begin, without
// waiting for it, so each waits here until its transaction is open (or fails as it failed).
const opening = new Map();
async function run(request) {
  await ready;
  if (request.txId !== undefined && request.op !== 'begin') await opening.get(request.txId);
  const target = () => (request.txId === undefined ? db : transactions.get(request.txId).tx);
  switch (request.op) {
    case 'query': {
      const parsers = Object.fromEntries(request.textTypes.map((type) => [type, identity]));
      const options = { rowMode: request.rowMode, parsers };
      // Null past the cap of named texts: then it runs as any other statement.
      const prepared = request.prepared ? await runPrepared(db, request, parsers) : null;
      if (prepared) return { rows: prepared.rows, fields: prepared.fields, affectedRows: prepared.affectedRows };
      const result = request.settings
        ? await db.transaction(async (tx) => { await tx.exec(request.settings); return tx.query(request.sql, request.params, options); })
        : await target().query(request.sql, request.params, options);
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec':
      return (await target().exec(request.sql)).map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    case 'begin': {
      const open = new Promise((begun, failed) => {
        const entry = {};
        entry.done = db.transaction((tx) => {
          entry.tx = tx;
          transactions.set(request.txId, entry);
          begun(null);
          return new Promise((resolve, reject) => { entry.finish = (commit) => (commit ? resolve(null) : reject(Object.assign(new Error('rolled back'), { rolledBack: true }))); });
        }).catch((error) => { if (!error || !error.rolledBack) throw error; });
        entry.done.catch(failed);
      });
      request.opened(open);
      try {
        return await open;
      } finally {
        opening.delete(request.txId);
      }
    }
    case 'end': {
      await opening.get(request.txId)?.catch(() => undefined);
      const entry = transactions.get(request.txId);
      if (!entry) return null; // already ended (a rollback, then the callback's error)
      transactions.delete(request.txId);
      if (request.commit) { entry.finish(true); await entry.done; return null; }
      if (!entry.tx.closed) entry.finish(false);
      await entry.done;
      return null;
    }
    case 'listen':
      await db.listen(request.channel, (payload) => parentPort.postMessage({ notify: request.channel, payload }));
      return null;
    case 'close':
      await db.close();
      return null;
  }
}
parentPort.on('message', ({ id, request }) => {
  if (request.op === 'begin') {
    // Noted before anything else runs, so statements right behind it wait for it.
    let opened;
    const open = new Promise((resolve) => (opened = resolve));
    open.catch(() => undefined); // a failed begin fails its statements, not the worker
    opening.set(request.txId, open);
    request.opened = opened;
  }
  run(request).then(
    (value) => parentPort.postMessage({ id, ok: true, value }),
    (error) => parentPort.postMessage({ id, ok: false, error: errorFields(error) }),
  );
});
ready.then(() => parentPort.postMessage({ id: 0, ok: true, value: null }), (error) => parentPort.postMessage({ id: 0, ok: false, error: errorFields(error) }));
`;

/** A database error as PGlite would have thrown it: message, code, detail, constraint… */
function errorFrom(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message)), fields);
}

/** Type ids whose parser leaves the text as it is (drizzle's date/time parsers). */
function textTypesOf(parsers: PgliteQueryOptions['parsers']): number[] {
  return Object.entries(parsers ?? {}).map(([type, parse]) => {
    if (parse('x', Number(type)) !== 'x') throw new Error(`PGlite in a worker thread supports only parsers that keep the text (type ${type})`);
    return Number(type);
  });
}

/** Opens PGlite (in `dataDir`, or in memory) in a worker thread. The caller holds the directory lock. */
export async function openThreadedPglite(dataDir: string | null): Promise<ThreadedPglite> {
  // Resolved here, from the app's own directory, so the worker finds the same package.
  const requireFromApp = createRequire(path.join(process.cwd(), 'package.json'));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // The code above is CommonJS and needs no loader: none of the process's flags (e.g.
    // `--input-type=module`, `--import tsx`) may change how it is read.
    execArgv: [],
    workerData: {
      dataDir,
      maxPreparedTexts: MAX_PREPARED_TEXTS,
      pglitePath: requireFromApp.resolve('@electric-sql/pglite'),
      pgTrgmPath: requireFromApp.resolve('@electric-sql/pglite/contrib/pg_trgm'),
    },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let nextId = 1;
  let nextTxId = 1;
  let openTransactions = 0;
  let failure: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: Reply) => {
    if ('notify' in reply) {
      for (const callback of listeners.get(reply.notify) ?? []) callback(reply.payload);
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(errorFrom(reply.error));
  });
  worker.on('error', (error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`The PGlite worker thread exited (code ${code})`);
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  });

  function send<T>(request: Request): Promise<T> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, request });
    });
  }

  /**
   * Rows cross the thread boundary as arrays and become objects here: the structured clone of
   * an object row copies every column name again, and PGlite's own object rows cost it more to
   * build than arrays, on the thread every other statement waits for.
   */
  async function query(request: Omit<Extract<Request, { op: 'query' }>, 'rowMode' | 'textTypes'>, options: PgliteQueryOptions): Promise<PgliteResults> {
    const result = await send<PgliteResults>({ ...request, rowMode: 'array', textTypes: textTypesOf(options.parsers) });
    if (options.rowMode === 'array') return result;
    const names = result.fields.map((field) => field.name);
    // As PGlite builds them: own properties (even "__proto__"), a repeated name keeping the last.
    const rows = (result.rows as unknown[][]).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])));
    return { ...result, rows };
  }

  const statements = (txId?: number): PgliteLike => ({
    query: (sql, params = [], options = {}) => query({ op: 'query', sql, params, txId }, options),
    exec: (sql) => send<PgliteResults[]>({ op: 'exec', sql, txId }),
  });

  async function runTransaction<T>(txId: number, callback: (tx: PgliteTransactionLike) => Promise<T>): Promise<T> {
    // Not waited for: the transaction's first statement goes right behind it (the worker holds
    // it until the transaction is open), so a transaction holds the connection one answer —
    // one turn of this thread's event loop, long while it is busy — less.
    const begun = send({ op: 'begin', txId });
    begun.catch(() => undefined); // its failure is each statement's, and thrown below
    let closed = false;
    const tx: PgliteTransactionLike = {
      ...statements(txId),
      async rollback() {
        closed = true;
        await send({ op: 'end', txId, commit: false });
      },
      get closed() {
        return closed;
      },
    };
    let result;
    try {
      result = await callback(tx);
      await begun;
    } catch (error) {
      await send({ op: 'end', txId, commit: false }).catch(() => undefined);
      throw error;
    }
    if (!closed) await send({ op: 'end', txId, commit: true });
    return result;
  }

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  return {
    ...statements(),
    waitReady: Promise.resolve(),
    queryWithSettings: (settings, sql, params = [], options = {}) => query({ op: 'query', sql, params, settings }, options),
    queryPrepared: (settings, sql, params = [], options = {}) => query({ op: 'query', sql, params, settings, prepared: true }, options),
    busy: () => pending.size + openTransactions,
    async transaction(callback) {
      const txId = nextTxId++;
      openTransactions++;
      try {
        return await runTransaction(txId, callback);
      } finally {
        openTransactions--;
      }
    },
    async listen(channel, callback) {
      const known = listeners.get(channel);
      if (known) known.add(callback);
      else {
        listeners.set(channel, new Set([callback]));
        await send({ op: 'listen', channel });
      }
      return async () => {
        listeners.get(channel)?.delete(callback);
      };
    },
    async close() {
      try {
        await send({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
