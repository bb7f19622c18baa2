import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Announcements that a member may have changed, from the triggers of migration 0005 (any
 * update or delete of a `users` or `practices` row, whoever made it). PostgreSQL sends them
 * once the change has committed, to every listening connection, this process's own included.
 */
export const MEMBER_CHANGED_CHANNEL = 'member_changed';

/** What the member cache (lib/dal/member-cache.ts) is told. */
export interface MemberChangeHandler {
  /** A user id, `practice:<id>`, or `*` (a table was truncated). */
  changed(payload: string): void;
  /**
   * Whether announcements are being heard. Called on subscribing and on every change:
   * while not listening a change can pass unheard, so nothing remembered may be trusted.
   */
  listeningChanged(listening: boolean): void;
}

/** One per open database: the listener below publishes into it, the member cache subscribes. */
export class MemberChanges {
  #listening = false;
  readonly #handlers = new Set<MemberChangeHandler>();

  get listening(): boolean {
    return this.#listening;
  }

  subscribe(handler: MemberChangeHandler): () => void {
    this.#handlers.add(handler);
    handler.listeningChanged(this.#listening);
    return () => this.#handlers.delete(handler);
  }

  setListening(listening: boolean): void {
    this.#listening = listening;
    for (const handler of this.#handlers) handler.listeningChanged(listening);
  }

  publish(payload: string): void {
    for (const handler of this.#handlers) handler.changed(payload);
  }
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * PGlite has one connection, which hears its own NOTIFYs: they are delivered as the
 * committing statement returns, before its promise resolves, so this process sees every
 * change at once. A failure to listen only leaves the cache unused.
 */
export async function listenPglite(client: PGlite, changes: MemberChanges): Promise<ChangeListener> {
  try {
    await client.listen(MEMBER_CHANGED_CHANNEL, (payload) => changes.publish(payload));
    changes.setListening(true);
  } catch (error) {
    console.warn('[db] could not listen for member changes; the member cache stays off:', (error as Error).message);
  }
  return {
    async close() {
      changes.setListening(false);
    },
  };
}

export interface PostgresListenerOptions {
  /** First and longest wait between reconnection attempts. */
  retryMs?: { min: number; max: number };
  /** How often the connection is checked: a silently dead socket would otherwise look alive. */
  heartbeatMs?: number;
}

/**
 * PostgreSQL: a dedicated connection (never a pooled one: LISTEN belongs to its session)
 * that LISTENs, and reconnects with backoff when lost. Every time it is lost or (re)connected
 * the subscribers are told, and the member cache drops everything: announcements sent while
 * no one listened are gone, so only what is read after LISTEN succeeds can be trusted.
 * The first attempt is awaited, so an open database is normally already listening.
 */
export async function listenPostgres(url: string, changes: MemberChanges, options: PostgresListenerOptions = {}): Promise<ChangeListener> {
  const retry = options.retryMs ?? { min: 250, max: 10_000 };
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let closed = false;
  let current: pg.Client | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let connecting: Promise<void> | undefined;

  const lose = (client: pg.Client, reason: string) => {
    if (current !== client) return; // already handled, or never became current
    current = null;
    clearInterval(heartbeat);
    changes.setListening(false);
    client.end().catch(() => undefined);
    if (!closed) {
      console.warn(`[db] member-change listener lost (${reason}); reconnecting`);
      scheduleConnect();
    }
  };

  const scheduleConnect = () => {
    const delay = Math.min(retry.max, retry.min * 2 ** failures);
    failures++;
    retryTimer = setTimeout(
      () => {
        connecting = connect();
      },
      delay * (0.5 + Math.random() / 2),
    );
    retryTimer.unref();
  };

  const connect = async () => {
    const client = new pg.Client({
      connectionString: url,
      application_name: 'practice-sync member-changes',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      // Bounds the heartbeat (and LISTEN): a query that hangs means the connection is gone.
      query_timeout: 5_000,
    });
    client.on('error', (error) => lose(client, error.message));
    client.on('end', () => lose(client, 'connection ended'));
    client.on('notification', (message) => {
      if (message.channel === MEMBER_CHANGED_CHANNEL && current === client) changes.publish(message.payload ?? '*');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${MEMBER_CHANGED_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      if (closed) return;
      if (failures === 0) console.warn('[db] could not listen for member changes; retrying:', (error as Error).message);
      scheduleConnect();
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    // The listener alone must not keep a process alive (scripts, tests): the pool decides.
    // pg has Client#unref; @types/pg does not declare it.
    (client as pg.Client & { unref(): void }).unref();
    current = client;
    failures = 0;
    changes.setListening(true);
    heartbeat = setInterval(() => {
      client.query('select 1').catch((error: Error) => lose(client, `heartbeat: ${error.message}`));
    }, heartbeatMs);
    heartbeat.unref();
  };

  connecting = connect();
  await connecting;
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      await connecting; // an attempt in flight ends its own client once it sees `closed`
      const client = current as (pg.Client & { ref(): void }) | null;
      current = null;
      changes.setListening(false);
      // Its socket was unref'd: ending it must hold the process until it has ended, or a
      // script with nothing else left to do exits mid-close, before the code after it runs.
      client?.ref();
      await client?.end().catch(() => undefined);
    },
  };
}
