import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { memberActor } from '@/lib/commands/actor';
import { enqueueSyncRun } from '@/lib/jobs/sync-jobs';
import { isClientCommandError } from '@/lib/commands/client-errors';
import * as commands from '@/lib/commands/clients';
import { STALE_EDIT_MESSAGE } from '@/lib/commands/clients';
import { type ClientLink, clientContacts, clientLinks, clients } from '@/db/schema';
import { APP_IDS, type AppId } from '@/lib/apps/ids';
import type { ClientInput, ClientListQuery } from '@/lib/validation/client';
import { ActionError } from './action';
import type { Member } from './session';
import { likeContains } from '@/lib/dal/client-picker/search-terms';
import { everyWord } from '@/lib/dal/list-search';
import { type ListPage, pageOf } from './list-page';
import { maskedTaxNumberEnding } from '@/lib/clients/tax-number';
import { LINK_STATUS_OF, parseLinkFilter, UPSTREAM_STATE_OF, type UpstreamLinkState } from '@/lib/clients/link-filter';

export const CLIENTS_PAGE_SIZE = 25;

export interface ClientListRow {
  id: string;
  name: string;
  email: string | null;
  taxNumber: string | null;
  /** The last digits of a masked tax number an app showed (XPM), when the whole one is not known. */
  taxNumberMaskedEnding: string | null;
  city: string | null;
  archived: boolean;
  updatedAt: Date;
  /** The apps this client is linked to, in the registry's order. */
  links: AppId[];
  /** Of those, the links whose record the app archived or deleted: they need a person. */
  upstream: { app: AppId; state: UpstreamLinkState }[];
}

export type ClientListPage = ListPage<ClientListRow>;

function searchCondition(q: string): SQL | undefined {
  if (!q) return undefined;
  const pattern = likeContains(q);
  // Each arm matches the expression of a trigram index, so the planner can use them. A name
  // matches on every word, in any order and spacing; an email or tax number as typed.
  return sql`(${everyWord([sql`lower(${clients.name})`], q)} or lower(${clients.email}) like ${pattern} or ${clients.taxNumber} like ${pattern})`;
}

/**
 * One EXISTS (or NOT EXISTS) on client_links per query: the planner probes the
 * (practice_id, client_id, app) unique index per client, or drives from the
 * (practice_id, app, status) index when few links are in a state (an upstream archive).
 */
function linkCondition(link: ClientListQuery['link']): SQL | undefined {
  const filter = parseLinkFilter(link);
  if (filter.kind === 'any') return undefined;
  const linked = (app?: AppId, status?: ClientLink['status']) =>
    sql`exists (select 1 from ${clientLinks} where ${clientLinks.practiceId} = ${clients.practiceId} and ${clientLinks.clientId} = ${clients.id}${app ? sql` and ${clientLinks.app} = ${app}` : sql``}${status ? sql` and ${clientLinks.status} = ${status}` : sql``})`;
  if (filter.kind === 'none') return sql`not ${linked()}`;
  return linked(filter.app, filter.state ? LINK_STATUS_OF[filter.state] : undefined);
}

const ORDER: Record<ClientListQuery['sort'], SQL[]> = {
  name: [sql`lower(${clients.name}) asc`, asc(clients.id)],
  '-name': [sql`lower(${clients.name}) desc`, desc(clients.id)],
  updated: [asc(clients.updatedAt), asc(clients.id)],
  '-updated': [desc(clients.updatedAt), desc(clients.id)],
  created: [asc(clients.createdAt), asc(clients.id)],
  '-created': [desc(clients.createdAt), desc(clients.id)],
};

export async function listClients(member: Member, query: ClientListQuery): Promise<ClientListPage> {
  const db = await getDb();
  const where = and(
    eq(clients.practiceId, member.practiceId),
    query.status === 'active' ? isNull(clients.archivedAt) : undefined,
    query.status === 'archived' ? isNotNull(clients.archivedAt) : undefined,
    searchCondition(query.q),
    linkCondition(query.link),
  );
  const [totals] = await db.select({ total: count() }).from(clients).where(where);
  const total = totals?.total ?? 0;
  const { page, pageCount, offset } = pageOf(total, query.page, CLIENTS_PAGE_SIZE);
  const rows = await db
    .select({
      id: clients.id,
      name: clients.name,
      email: clients.email,
      taxNumber: clients.taxNumber,
      taxNumberMasked: clients.taxNumberMasked,
      city: clients.streetCity,
      archivedAt: clients.archivedAt,
      updatedAt: clients.updatedAt,
    })
    .from(clients)
    .where(where)
    .orderBy(...ORDER[query.sort])
    .limit(CLIENTS_PAGE_SIZE)
    .offset(offset);
  const links =
    rows.length === 0
      ? []
      : await db
          .select({ clientId: clientLinks.clientId, app: clientLinks.app, status: clientLinks.status })
          .from(clientLinks)
          .where(
            and(
              eq(clientLinks.practiceId, member.practiceId),
              inArray(
                clientLinks.clientId,
                rows.map((r) => r.id),
              ),
            ),
          );
  const linksOf = (clientId: string) => APP_IDS.flatMap((app) => links.filter((l) => l.clientId === clientId && l.app === app));
  const upstreamOf = (clientId: string): ClientListRow['upstream'] =>
    linksOf(clientId).flatMap(({ app, status }) => {
      const state = UPSTREAM_STATE_OF[status];
      return state ? [{ app, state }] : [];
    });
  return {
    rows: rows.map(({ archivedAt, taxNumberMasked, ...row }) => ({
      ...row,
      taxNumberMaskedEnding: maskedTaxNumberEnding(row.taxNumber, taxNumberMasked),
      archived: archivedAt !== null,
      links: linksOf(row.id).map((l) => l.app),
      upstream: upstreamOf(row.id),
    })),
    total,
    page,
    pageCount,
  };
}

export interface ClientContactView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  salutation: string | null;
  position: string | null;
  isPrimary: boolean;
}

export interface ClientDetail extends Omit<ClientInput, 'contacts'> {
  id: string;
  archived: boolean;
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The last digits of a masked tax number an app showed (XPM), when the whole one is not known; never the masked form. */
  taxNumberMaskedEnding: string | null;
  contacts: ClientContactView[];
}

const detailColumns = {
  id: clients.id,
  name: clients.name,
  legalName: clients.legalName,
  tradingName: clients.tradingName,
  email: clients.email,
  phone: clients.phone,
  website: clients.website,
  streetLine1: clients.streetLine1,
  streetLine2: clients.streetLine2,
  streetCity: clients.streetCity,
  streetRegion: clients.streetRegion,
  streetPostcode: clients.streetPostcode,
  streetCountry: clients.streetCountry,
  postalLine1: clients.postalLine1,
  postalLine2: clients.postalLine2,
  postalCity: clients.postalCity,
  postalRegion: clients.postalRegion,
  postalPostcode: clients.postalPostcode,
  postalCountry: clients.postalCountry,
  taxNumber: clients.taxNumber,
  taxNumberMasked: clients.taxNumberMasked,
  businessNumber: clients.businessNumber,
  businessStructure: clients.businessStructure,
  archivedAt: clients.archivedAt,
  version: clients.version,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
};

/** A client of the member's practice, or null — another practice's id is simply not found. */
export async function getClient(member: Member, clientId: string): Promise<ClientDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select(detailColumns)
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, member.practiceId)))
    .limit(1);
  if (!row) return null;
  const contacts = await db
    .select({
      id: clientContacts.id,
      name: clientContacts.name,
      email: clientContacts.email,
      phone: clientContacts.phone,
      mobile: clientContacts.mobile,
      salutation: clientContacts.salutation,
      position: clientContacts.position,
      isPrimary: clientContacts.isPrimary,
    })
    .from(clientContacts)
    .where(and(eq(clientContacts.clientId, clientId), eq(clientContacts.practiceId, member.practiceId)))
    .orderBy(desc(clientContacts.isPrimary), asc(clientContacts.sortOrder), asc(clientContacts.name));
  const { taxNumberMasked, ...fields } = row;
  return { ...fields, taxNumberMaskedEnding: maskedTaxNumberEnding(fields.taxNumber, taxNumberMasked), archived: row.archivedAt !== null, contacts };
}

/** A refusal from the client commands, as the message a person sees. */
async function asAction<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isClientCommandError(error)) throw new ActionError(error.message);
    throw error;
  }
}

export async function createClient(member: Member, input: ClientInput): Promise<{ id: string }> {
  const db = await getDb();
  return asAction(() => db.transaction((tx) => commands.createClient(tx, memberActor(member), input)));
}

export { STALE_EDIT_MESSAGE };

export async function updateClient(member: Member, clientId: string, expectedVersion: number, input: ClientInput): Promise<void> {
  const db = await getDb();
  const { push } = await asAction(() => db.transaction((tx) => commands.updateClient(tx, memberActor(member), clientId, expectedVersion, input)));
  // Linked to XPM with XPM To XPM: the run asked for in the edit's transaction starts now.
  if (push?.kind === 'queued') await enqueueSyncRun({ practiceId: member.practiceId, app: 'xpm', runId: push.runId });
}

/** Archive or restore. Clients are never deleted. */
export async function setClientArchived(member: Member, clientId: string, archived: boolean): Promise<void> {
  const db = await getDb();
  await asAction(() => db.transaction((tx) => commands.setClientArchived(tx, memberActor(member), clientId, archived)));
}

export async function countClients(member: Member): Promise<{ active: number; archived: number }> {
  const db = await getDb();
  const [row] = await db
    .select({
      active: sql<number>`count(*) filter (where ${clients.archivedAt} is null)`.mapWith(Number),
      archived: sql<number>`count(*) filter (where ${clients.archivedAt} is not null)`.mapWith(Number),
    })
    .from(clients)
    .where(eq(clients.practiceId, member.practiceId));
  return { active: row?.active ?? 0, archived: row?.archived ?? 0 };
}
