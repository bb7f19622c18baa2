import { createHash } from 'node:crypto';
import type { OpenDatabase } from '@/db/open';
import { connections, directoryRecords } from '@/db/schema';
import { DEMO_PRACTICE_ID } from '@/db/seed';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { mapFragment } from '@/lib/providers/xpm/client-list';
import { buildSeed } from '@/lib/sandbox/seed';
import { clientXml } from '@/lib/sandbox/xpm/xml';
import { normalizeName } from '@/lib/sync/matching';

/**
 * XPM's sandbox directory (2,500 clients) stored for the demo practice as a directory refresh
 * stores them, and XPM connected: what the suggested-matches benchmarks work from. Returns how
 * many records were stored.
 */
export async function seedXpmDirectory(open: OpenDatabase): Promise<number> {
  const [tenant] = buildSeed(Date.now() - 86_400_000).tenants;
  if (!tenant) throw new Error('no XPM tenant in the sandbox seed');
  const rows = [];
  for (const client of tenant.clients.values()) {
    if (client.isDeleted) continue;
    const mapped = mapFragment(clientXml(client, { contacts: true, detailed: false, origin: 'http://sandbox.invalid' }));
    if (!mapped.ok) continue;
    const r = mapped.record;
    rows.push({
      practiceId: DEMO_PRACTICE_ID,
      app: 'xpm' as const,
      externalId: r.externalId,
      name: r.name,
      normalizedName: normalizeName(r.name),
      email: r.email,
      phone: r.phone,
      city: r.streetAddress?.city ?? null,
      taxNumber: r.taxNumber,
      businessNumber: r.businessNumber,
      archived: r.archived,
      isProspect: r.isProspect,
      payload: r,
      payloadHash: createHash('sha256').update(JSON.stringify(r)).digest('hex'),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await open.db.insert(directoryRecords).values(rows.slice(i, i + 500));
  await open.db.insert(connections).values({ practiceId: DEMO_PRACTICE_ID, app: 'xpm', status: 'connected', syncDirection: 'from_app', syncData: 'nothing' });
  await settleSearchIndexes(open.db, { directory_records: rows.length, clients: 300 });
  return rows.length;
}
