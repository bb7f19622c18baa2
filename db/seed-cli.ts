/**
 * `npm run db:seed`: applies migrations and seeds the demo practice into the configured
 * database (PGlite under data/ unless DATABASE_URL is set). Idempotent.
 */
import { closeDb, getOpenDatabase } from './index';
import { DEMO_LOGINS, seedDemo } from './seed';

const open = await getOpenDatabase();
try {
  const { clients } = await seedDemo(open.db);
  console.log(`Seeded the demo practice (${clients} clients) into ${open.kind}.`);
  // `npm run demo` prints them once, with the app's address, when the app answers.
  if (process.env.SEED_PRINT_LOGINS !== '0') {
    console.log(`  admin:  ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}`);
    console.log(`  author: ${DEMO_LOGINS.author.email} / ${DEMO_LOGINS.author.password}`);
  }
} finally {
  await closeDb();
}
