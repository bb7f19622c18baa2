import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/open';
import { connectionGrants, connections } from '@/db/schema';
import { mintTokens } from '@/lib/providers/testing/sandbox-controls';

/**
 * For integration tests: a connection with one grant whose tokens the sandbox minted, without
 * the consent page. The XPM watermark is set, so a refresh reads only what changed (fast)
 * instead of 2,500 clients. Sealing is imported when called, so it uses the key of the moment.
 */
export async function connectDirectly(db: Database, sandboxUrl: string, practice: { practiceId: string; admin: { userId: string } }, app: 'xpm' | 'gusto', companyUuid?: string) {
  const { sealedTokenColumns } = await import('../grant-token-store');
  const minted = await mintTokens(sandboxUrl, app, companyUuid ? { companyUuid } : {});
  const [existing] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.practiceId, practice.practiceId), eq(connections.app, app)));
  const connectionId =
    existing?.id ??
    (
      await db
        .insert(connections)
        .values({ practiceId: practice.practiceId, app, status: 'connected', connectedByUserId: practice.admin.userId, directoryCursor: new Date().toISOString() })
        .returning({ id: connections.id })
    )[0]!.id;
  const externalId = minted.tenantId ?? minted.companyUuid!;
  const [grant] = await db
    .insert(connectionGrants)
    .values({
      practiceId: practice.practiceId,
      connectionId,
      externalId,
      label: app === 'xpm' ? 'XPM practice' : `Company ${externalId.slice(0, 8)}`,
      createdByUserId: practice.admin.userId,
    })
    .returning({ id: connectionGrants.id, label: connectionGrants.label });
  await db.update(connectionGrants).set(sealedTokenColumns(grant!.id, minted.tokens)).where(eq(connectionGrants.id, grant!.id));
  return { connection: { id: connectionId, app }, grantId: grant!.id, sandboxGrantId: minted.grantId, label: grant!.label, externalId };
}

/**
 * For integration tests: XPM connected directly and set to Everything / To XPM, with the adapter
 * over its grant, to put and read records in XPM as a person there would.
 */
export async function connectXpmToXpm(db: Database, sandboxUrl: string, practice: { practiceId: string; admin: { userId: string } }) {
  await connectDirectly(db, sandboxUrl, practice, 'xpm');
  await db.update(connections).set({ syncData: 'everything', syncDirection: 'to_app' }).where(eq(connections.practiceId, practice.practiceId));
  const { xpmClientFor } = await import('../grant-clients');
  const [grant] = await db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId })
    .from(connectionGrants)
    .where(eq(connectionGrants.practiceId, practice.practiceId));
  return { grant: grant!, xpm: xpmClientFor(grant!) };
}
