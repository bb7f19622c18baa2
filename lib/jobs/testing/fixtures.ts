import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/open';
import { connectionGrants, connections, practices } from '@/db/schema';

/**
 * For the jobs tests: a practice and its connections inserted directly (no OAuth, no
 * tokens) — what the scheduler, startSyncRun and the webhook route read, nothing more.
 */
export async function createPractice(db: Database, timezone = 'Australia/Sydney'): Promise<string> {
  const id = randomUUID();
  await db.insert(practices).values({ id, name: `Practice ${id.slice(0, 8)}`, timezone });
  return id;
}

export interface ConnectOptions {
  /** From the app with Everything (the recommended setup's source); otherwise To the app. */
  inbound?: boolean;
  status?: 'connected' | 'needs_reauth' | 'error' | 'disconnected';
  /** The grant's external id: a Gusto company uuid or an XPM tenant id. */
  externalIds?: string[];
  directoryRefreshedAt?: Date | null;
}

export async function connectApp(db: Database, practiceId: string, app: 'xpm' | 'gusto', options: ConnectOptions = {}): Promise<string> {
  const [row] = await db
    .insert(connections)
    .values({
      practiceId,
      app,
      status: options.status ?? 'connected',
      syncDirection: options.inbound ? 'from_app' : 'to_app',
      syncData: 'everything',
      directoryRefreshedAt: options.directoryRefreshedAt ?? null,
    })
    .returning({ id: connections.id });
  for (const externalId of options.externalIds ?? []) {
    await db.insert(connectionGrants).values({ practiceId, connectionId: row!.id, externalId, label: `${app} ${externalId.slice(0, 8)}` });
  }
  return row!.id;
}
