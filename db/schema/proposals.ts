import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, numeric, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { practices, users } from './practices';

export const proposalStatus = pgEnum('proposal_status', ['draft', 'sent', 'accepted', 'declined']);
export type ProposalStatus = (typeof proposalStatus.enumValues)[number];

/**
 * An engagement letter for one client. The client stays null until the author picks one,
 * so a proposal can be started before its client exists here (it may still be an XPM or
 * Gusto record that becomes a client when the proposal is saved).
 *
 * Foreign keys carry practice_id, so a proposal can never point at another practice's
 * client or member, whatever the application does.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    title: text().notNull(),
    clientId: uuid(),
    status: proposalStatus().notNull().default('draft'),
    /** Optimistic concurrency: every save checks the version the editor loaded and bumps it. */
    version: integer().notNull().default(1),
    /** Kept in step with the lines on every save, so the list never sums lines per row. */
    totalCents: bigint({ mode: 'number' }).notNull().default(0),
    createdByUserId: uuid().notNull(),
    updatedByUserId: uuid().notNull(),
    sentAt: timestamp({ withTimezone: true }),
    /** Set once, by the one idempotent acceptance step; the content is locked from then on. */
    acceptedAt: timestamp({ withTimezone: true }),
    /** The member who recorded the acceptance. */
    acceptedByUserId: uuid(),
    /**
     * Who accepted on the client's behalf, as the author typed it ("Jane Citizen, director"):
     * the client accepts, a member only records it (issue 15). Null on acceptances recorded
     * before it was asked for.
     */
    acceptedByClientContact: text(),
    declinedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('proposals_practice_id_id_key').on(t.practiceId, t.id),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }),
    foreignKey({ columns: [t.practiceId, t.createdByUserId], foreignColumns: [users.practiceId, users.id] }),
    foreignKey({ columns: [t.practiceId, t.updatedByUserId], foreignColumns: [users.practiceId, users.id] }),
    foreignKey({ columns: [t.practiceId, t.acceptedByUserId], foreignColumns: [users.practiceId, users.id] }),
    index('proposals_practice_updated_idx').on(t.practiceId, t.updatedAt),
    index('proposals_practice_client_idx').on(t.practiceId, t.clientId),
    index('proposals_title_trgm_idx').using('gin', sql`lower(${t.title}) gin_trgm_ops`),
  ],
);
export type Proposal = typeof proposals.$inferSelect;

/** A service line. Quantity is exact to two decimals (1.5 hours); prices are integer cents. */
export const proposalLines = pgTable(
  'proposal_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    proposalId: uuid().notNull(),
    description: text().notNull(),
    quantity: numeric({ precision: 12, scale: 2 }).notNull(),
    unitPriceCents: bigint({ mode: 'number' }).notNull(),
    /** quantity × unit price, rounded half up to a cent by lib/money; stored so totals never drift. */
    lineTotalCents: bigint({ mode: 'number' }).notNull(),
    sortOrder: integer().notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.practiceId, t.proposalId],
      foreignColumns: [proposals.practiceId, proposals.id],
    }).onDelete('cascade'),
    index('proposal_lines_proposal_idx').on(t.practiceId, t.proposalId, t.sortOrder),
  ],
);
export type ProposalLine = typeof proposalLines.$inferSelect;
