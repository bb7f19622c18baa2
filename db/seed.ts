import { createHash } from 'node:crypto';
import { demoPracticeClients, type FixtureAddress } from '@/lib/fixtures/business-names';
import { hashPassword } from '@/lib/auth/password';
import type { Database } from './open';
import { clientContacts, clients, practices, users } from './schema';

/**
 * The demo practice. Idempotent: fixed ids and ON CONFLICT DO NOTHING, so running it again
 * (every `npm run demo`) changes nothing — including edits someone made to demo clients.
 */
export const DEMO_PRACTICE_ID = '00000000-0000-4000-8000-00000000d3e0';
export const DEMO_LOGINS = {
  admin: { email: 'admin@demo.practicesync.test', password: 'demo-admin-password', name: 'Alex Admin' },
  author: { email: 'author@demo.practicesync.test', password: 'demo-author-password', name: 'Avery Author' },
} as const;

/** A stable UUID (v4-shaped) from a name, so seeded rows have the same id on every run. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function address(prefix: 'street' | 'postal', value: FixtureAddress | null) {
  return {
    [`${prefix}Line1`]: value?.lines[0] ?? null,
    [`${prefix}Line2`]: value?.lines[1] ?? null,
    [`${prefix}City`]: value?.city ?? null,
    [`${prefix}Region`]: value?.region ?? null,
    [`${prefix}Postcode`]: value?.postcode ?? null,
    [`${prefix}Country`]: value?.country ?? null,
  };
}

export async function seedDemo(db: Database): Promise<{ clients: number }> {
  const [adminHash, authorHash] = await Promise.all([hashPassword(DEMO_LOGINS.admin.password), hashPassword(DEMO_LOGINS.author.password)]);
  const fixtures = demoPracticeClients();
  await db.transaction(async (tx) => {
    await tx.insert(practices).values({ id: DEMO_PRACTICE_ID, name: 'Harbourside Accounting (demo)', timezone: 'Australia/Sydney' }).onConflictDoNothing();
    await tx
      .insert(users)
      .values([
        { id: stableUuid('demo-admin'), practiceId: DEMO_PRACTICE_ID, role: 'admin', passwordHash: adminHash, ...pick(DEMO_LOGINS.admin) },
        { id: stableUuid('demo-author'), practiceId: DEMO_PRACTICE_ID, role: 'author', passwordHash: authorHash, ...pick(DEMO_LOGINS.author) },
      ])
      .onConflictDoNothing();
    const clientRows = fixtures.map((f, index) => ({
      id: stableUuid(`demo-client-${index}`),
      practiceId: DEMO_PRACTICE_ID,
      name: f.name,
      legalName: f.legalName,
      tradingName: f.tradingName,
      email: f.email,
      phone: f.phone,
      website: f.website,
      ...address('street', f.street),
      ...address('postal', f.postal),
      taxNumber: f.taxNumber,
      businessNumber: f.businessNumber,
      businessStructure: f.businessStructure,
      archivedAt: f.archived ? new Date('2026-01-15T00:00:00Z') : null,
    }));
    for (let i = 0; i < clientRows.length; i += 100) {
      await tx
        .insert(clients)
        .values(clientRows.slice(i, i + 100))
        .onConflictDoNothing();
    }
    const contactRows = fixtures.flatMap((f, index) =>
      f.contacts.map((c, order) => ({
        id: stableUuid(`demo-client-${index}-contact-${order}`),
        practiceId: DEMO_PRACTICE_ID,
        clientId: stableUuid(`demo-client-${index}`),
        sortOrder: order,
        ...c,
      })),
    );
    for (let i = 0; i < contactRows.length; i += 200) {
      await tx
        .insert(clientContacts)
        .values(contactRows.slice(i, i + 200))
        .onConflictDoNothing();
    }
  });
  return { clients: fixtures.length };
}

function pick(login: { email: string; name: string }) {
  return { email: login.email, name: login.name };
}
