import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The apps a client has active links to, as a text array (null when none), for its badges: one
 * probe of the client_links (practice, client, app) unique index. A client's badges come from
 * its links, never from which of its linked records a search happened to find (a new user's
 * trial saw "carter" and "carter super" badge the same client differently). `clientId` must be
 * a uuid expression (or null).
 */
export function linkedAppsOf(practiceId: string, clientId: SQL): SQL {
  return sql`(select array_agg(cl.app::text) from client_links cl
    where cl.practice_id = ${practiceId} and cl.client_id = ${clientId} and cl.status = 'active')`;
}
