import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '@/db/open';
import { clients, connections, directoryRecords, practices, users } from '@/db/schema';
import { createRng, generateClients, nameVariant, NAME_VARIANTS, type FixtureClient } from '@/lib/fixtures/business-names';
import type { AppId, CanonicalClient } from '@/lib/sync/canonical-client';
import { normalizeName } from '@/lib/sync/matching';

/**
 * A practice with `practiceClients` clients and `directoryCount` directory records, for the
 * picker benchmark. Names come from the same generator as the demo data, so trigram
 * selectivity is realistic; a tenth are near-duplicates of others, as real directories are.
 */
export interface BenchPractice {
  practiceId: string;
  userId: string;
  /** Names to search for: a sample of what was inserted. */
  sampleNames: string[];
}

function canonical(app: AppId, externalId: string, f: FixtureClient): CanonicalClient {
  return {
    app,
    externalId,
    name: f.name,
    legalName: f.legalName,
    tradingName: f.tradingName,
    email: f.email,
    phone: f.phone,
    website: f.website,
    streetAddress: f.street,
    postalAddress: f.postal,
    taxNumber: f.taxNumber,
    taxNumberMasked: false,
    businessNumber: f.businessNumber,
    businessStructure: f.businessStructure,
    contacts: f.contacts.map((c) => ({ externalId: null, ...c })),
    archived: false,
    isProspect: false,
    modifiedAt: null,
  };
}

export async function seedBenchPractice(
  db: Database,
  { directoryCount, practiceClients, log, existingPracticeId }: { directoryCount: number; practiceClients: number; log: (line: string) => void; existingPracticeId?: string },
): Promise<BenchPractice> {
  const practiceId = existingPracticeId ?? randomUUID();
  const userId = randomUUID();
  if (!existingPracticeId) {
    await db.insert(practices).values({ id: practiceId, name: 'Benchmark practice' });
    await db.insert(users).values({ id: userId, practiceId, role: 'author', name: 'Bench Author', email: `bench-${userId}@example.com`, passwordHash: 'x' });
  }
  await db
    .insert(connections)
    .values([
      { practiceId, app: 'xpm', status: 'connected' },
      { practiceId, app: 'gusto', status: 'connected' },
    ])
    .onConflictDoNothing();

  const unique = generateClients(Math.ceil(directoryCount * 0.9) + practiceClients, 0xbe_4c_00);
  const rng = createRng(0xbe_4c_01);
  const local = unique.slice(0, practiceClients);
  const external = unique.slice(practiceClients);
  // A tenth are near-duplicates of other records (as XPM and Gusto overlap in real practices).
  while (external.length < directoryCount) {
    const source = external[Math.floor(rng() * external.length)]!;
    const variant = NAME_VARIANTS[Math.floor(rng() * NAME_VARIANTS.length)]!;
    external.push({ ...source, name: nameVariant(source.name, variant) });
  }

  for (let i = 0; i < local.length; i += 500) {
    await db.insert(clients).values(local.slice(i, i + 500).map((f) => ({ practiceId, name: f.name, email: f.email, streetCity: f.street?.city ?? null, taxNumber: f.taxNumber })));
  }

  const started = performance.now();
  const batch = 1000;
  for (let i = 0; i < directoryCount; i += batch) {
    const rows = external.slice(i, i + batch).map((f, j) => {
      // Gusto directories are per authorised company, so much smaller than XPM's.
      const app: AppId = (i + j) % 10 === 0 ? 'gusto' : 'xpm';
      const externalId = `${app}-${i + j}`;
      const payload = canonical(app, externalId, f);
      return {
        practiceId,
        app,
        externalId,
        name: f.name,
        normalizedName: normalizeName(f.name),
        email: f.email,
        phone: f.phone,
        city: f.street?.city ?? null,
        taxNumber: f.taxNumber,
        businessNumber: f.businessNumber,
        payload,
        payloadHash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'),
      };
    });
    await db.insert(directoryRecords).values(rows);
    if ((i / batch) % 20 === 0) log(`  inserted ${i + rows.length} directory records`);
  }
  log(`  inserted ${directoryCount} directory records in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const sampleNames: string[] = [];
  for (let i = 0; i < 200; i++) sampleNames.push(external[Math.floor(rng() * external.length)]!.name);
  return { practiceId, userId, sampleNames };
}
