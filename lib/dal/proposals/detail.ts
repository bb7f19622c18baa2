import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Database, type Transaction } from '@/db';
import { clientLinks, clients, proposalLines, proposals, users, type ProposalStatus } from '@/db/schema';
import { APP_IDS, type AppId } from '@/lib/apps/ids';
import { taxNumberEnding } from '@/lib/clients/tax-number';
import type { Member } from '../session';

/**
 * What the editor shows, and nothing more: ids, text and cents. Quantities travel as their
 * exact decimal text ("1.50"), never as a float.
 */
export interface ProposalClientSummary {
  id: string;
  name: string;
  email: string | null;
  city: string | null;
  taxNumberEnding: string | null;
  /** Apps this client is linked to, for its badges. */
  apps: AppId[];
  archived: boolean;
}

export interface ProposalLineView {
  description: string;
  quantity: string;
  unitPriceCents: number;
}

export interface ProposalStatusView {
  status: ProposalStatus;
  version: number;
  sentAt: Date | null;
  acceptedAt: Date | null;
  /** The member who recorded the acceptance. */
  acceptedByName: string | null;
  /** Who accepted on the client's behalf, as the member typed it; null on acceptances from before it was asked. */
  acceptedByClientContact: string | null;
  declinedAt: Date | null;
  updatedAt: Date;
  updatedByName: string;
}

export interface ProposalDetail extends ProposalStatusView {
  id: string;
  title: string;
  totalCents: number;
  client: ProposalClientSummary | null;
  lines: ProposalLineView[];
}

type Db = Database | Transaction;

export async function clientSummary(db: Db, practiceId: string, clientId: string): Promise<ProposalClientSummary | null> {
  const [row] = await db
    .select({ id: clients.id, name: clients.name, email: clients.email, city: clients.streetCity, taxNumber: clients.taxNumber, archivedAt: clients.archivedAt })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  if (!row) return null;
  const links = await db
    .select({ app: clientLinks.app })
    .from(clientLinks)
    .where(and(eq(clientLinks.practiceId, practiceId), eq(clientLinks.clientId, clientId)));
  const apps = APP_IDS.filter((app) => links.some((l) => l.app === app));
  return { id: row.id, name: row.name, email: row.email, city: row.city, taxNumberEnding: taxNumberEnding(row.taxNumber), apps, archived: row.archivedAt !== null };
}

const acceptedBy = alias(users, 'accepted_by');
const updatedBy = alias(users, 'updated_by');

/** Status, version and who/when, after a status change or a save. */
export async function proposalStatusView(db: Db, practiceId: string, proposalId: string): Promise<ProposalStatusView | null> {
  const [row] = await db
    .select({
      status: proposals.status,
      version: proposals.version,
      sentAt: proposals.sentAt,
      acceptedAt: proposals.acceptedAt,
      acceptedByName: acceptedBy.name,
      acceptedByClientContact: proposals.acceptedByClientContact,
      declinedAt: proposals.declinedAt,
      updatedAt: proposals.updatedAt,
      updatedByName: updatedBy.name,
    })
    .from(proposals)
    .innerJoin(updatedBy, and(eq(updatedBy.practiceId, proposals.practiceId), eq(updatedBy.id, proposals.updatedByUserId)))
    .leftJoin(acceptedBy, and(eq(acceptedBy.practiceId, proposals.practiceId), eq(acceptedBy.id, proposals.acceptedByUserId)))
    .where(and(eq(proposals.practiceId, practiceId), eq(proposals.id, proposalId)))
    .limit(1);
  return row ?? null;
}

/** A proposal of the member's practice, or null — another practice's id is simply not found. */
export async function getProposal(member: Member, proposalId: string): Promise<ProposalDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: proposals.id, title: proposals.title, totalCents: proposals.totalCents, clientId: proposals.clientId })
    .from(proposals)
    .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)))
    .limit(1);
  if (!row) return null;
  const [status, client, lines] = await Promise.all([
    proposalStatusView(db, member.practiceId, proposalId),
    row.clientId ? clientSummary(db, member.practiceId, row.clientId) : Promise.resolve(null),
    db
      .select({ description: proposalLines.description, quantity: proposalLines.quantity, unitPriceCents: proposalLines.unitPriceCents })
      .from(proposalLines)
      .where(and(eq(proposalLines.practiceId, member.practiceId), eq(proposalLines.proposalId, proposalId)))
      .orderBy(asc(proposalLines.sortOrder)),
  ]);
  if (!status) return null;
  return { id: row.id, title: row.title, totalCents: row.totalCents, client, lines, ...status };
}
