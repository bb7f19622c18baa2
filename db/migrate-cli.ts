/** `npm run db:migrate`: opening the database applies every pending migration. */
import { closeDb, getOpenDatabase } from './index';

const open = await getOpenDatabase();
console.log(`Migrations applied (${open.kind}).`);
await closeDb();
