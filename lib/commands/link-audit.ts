import 'server-only';
import type { Transaction } from '@/db';
import { type AppIdValue, clientLinkAudit } from '@/db/schema';
import type { Actor } from './actor';

export interface LinkAuditEntry {
  clientId: string;
  app: AppIdValue;
  action: 'link' | 'unlink' | 'relink';
  beforeExternalId: string | null;
  afterExternalId: string | null;
}

/**
 * Records link changes (issue 12, requirement 3) in the caller's transaction, so an audit
 * row exists exactly when its change committed. The actor says who: a member, or a run
 * (trigger and run id) for the engine's automatic links.
 */
export async function recordLinkAudit(tx: Transaction, actor: Actor, entries: readonly LinkAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(clientLinkAudit).values(
    entries.map((entry) => ({
      ...entry,
      practiceId: actor.practiceId,
      userId: actor.memberId,
      trigger: actor.trigger,
      syncRunId: actor.syncRunId ?? null,
    })),
  );
}
