import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db';
import { concurrently } from '@/db/concurrently';
import { proposalLines, proposals } from '@/db/schema';
import { lineTotalCents, sumCents } from '@/lib/money';
import type { ProposalContent, SaveProposalInput } from '@/lib/validation/proposal';
import { ActionError } from '../action';
import { LinkRaceError } from '../client-picker/adopt-directory-record';
import type { Member } from '../session';
import type { ClientAdoption } from '@/lib/proposals/saved-notice';
import { LOCKED_STATUS_MESSAGE } from '@/lib/proposals/messages';
import { type ClientResolution, resolveClientChoice } from './client-choice';
import { clientSummary, type ProposalClientSummary, proposalStatusView, type ProposalStatusView } from './detail';

export const STALE_PROPOSAL_MESSAGE =
  'Someone else saved this proposal while you were editing, so your changes were not saved. They are still on this page: copy what you need, reload to see the latest version, then make your changes again.';
export const PROPOSAL_NOT_FOUND = 'That proposal does not exist.';

export interface SavedProposal {
  id: string;
  client: ProposalClientSummary | null;
  /** When saving created a client from an app's record or linked one: which, and from which app. */
  clientAdoption: ClientAdoption | null;
  totalCents: number;
  status: ProposalStatusView;
}

/**
 * Locks one of the member's proposals for the rest of the transaction, so saves, status
 * changes and acceptance of it happen one after another, and returns what they check; a
 * proposal of another practice does not exist here.
 */
export async function lockProposal(tx: Transaction, member: Member, proposalId: string) {
  const [current] = await tx
    .select({ version: proposals.version, status: proposals.status, clientId: proposals.clientId })
    .from(proposals)
    .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, proposalId)))
    .for('update');
  if (!current) throw new ActionError(PROPOSAL_NOT_FOUND, undefined, 'not_found');
  return current;
}

/** Whether the saved proposal has any service line (sending and accepting need one). */
export async function hasServiceLine(tx: Transaction, practiceId: string, proposalId: string): Promise<boolean> {
  const [line] = await tx
    .select({ id: proposalLines.id })
    .from(proposalLines)
    .where(and(eq(proposalLines.practiceId, practiceId), eq(proposalLines.proposalId, proposalId)))
    .limit(1);
  return Boolean(line);
}

/** Line totals by lib/money (exact integer cents), and the proposal total as their sum. */
export function priceLines(lines: ProposalContent['lines']) {
  const priced = lines.map((line, index) => ({
    description: line.description,
    quantity: line.quantity,
    unitPriceCents: line.unitPrice,
    lineTotalCents: lineTotalCents(line.quantity, line.unitPrice),
    sortOrder: index,
  }));
  return { priced, totalCents: sumCents(priced.map((l) => l.lineTotalCents)) };
}

async function replaceLines(tx: Transaction, practiceId: string, proposalId: string, priced: ReturnType<typeof priceLines>['priced']) {
  await tx.delete(proposalLines).where(and(eq(proposalLines.practiceId, practiceId), eq(proposalLines.proposalId, proposalId)));
  if (priced.length > 0) await tx.insert(proposalLines).values(priced.map((line) => ({ ...line, practiceId, proposalId })));
}

/**
 * Runs a save's transaction, once more if a client link appeared under it (another save
 * linked the same record between our lock and insert): the second run finds that link.
 */
async function withLinkRetry<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = await getDb();
  try {
    return await db.transaction(work);
  } catch (error) {
    if (!(error instanceof LinkRaceError)) throw error;
    return db.transaction(work);
  }
}

async function finish(tx: Transaction, member: Member, id: string, resolution: ClientResolution, totalCents: number): Promise<SavedProposal> {
  const { clientId, adoption: clientAdoption } = resolution;
  const [status, client] = await concurrently(tx, [
    () => proposalStatusView(tx, member.practiceId, id),
    () => (clientId ? clientSummary(tx, member.practiceId, clientId) : Promise.resolve(null)),
  ]);
  if (!status) throw new Error('saved proposal vanished');
  return { id, client, clientAdoption, totalCents, status };
}

export async function createProposal(member: Member, content: ProposalContent): Promise<SavedProposal> {
  const { priced, totalCents } = priceLines(content.lines);
  return withLinkRetry(async (tx) => {
    const resolution = await resolveClientChoice(tx, member, content.client, null);
    const { clientId } = resolution;
    const [row] = await tx
      .insert(proposals)
      .values({
        practiceId: member.practiceId,
        title: content.title,
        clientId,
        totalCents,
        createdByUserId: member.userId,
        updatedByUserId: member.userId,
      })
      .returning({ id: proposals.id });
    if (!row) throw new Error('proposal insert returned nothing');
    await replaceLines(tx, member.practiceId, row.id, priced);
    return finish(tx, member, row.id, resolution, totalCents);
  });
}

/**
 * Saves the whole editor: title, client and lines, only over the version the author
 * loaded (a stale save is refused and explained, never merged or overwritten) and never
 * once accepted. The row is locked first, so a refused save creates no client either.
 */
export async function saveProposal(member: Member, input: SaveProposalInput): Promise<SavedProposal> {
  const { priced, totalCents } = priceLines(input.lines);
  return withLinkRetry(async (tx) => {
    const current = await lockProposal(tx, member, input.proposalId);
    if (current.status === 'accepted') throw new ActionError(LOCKED_STATUS_MESSAGE);
    if (current.version !== input.version) throw new ActionError(STALE_PROPOSAL_MESSAGE, undefined, 'stale');

    const resolution = await resolveClientChoice(tx, member, input.client, current.clientId);
    const { clientId } = resolution;
    await tx
      .update(proposals)
      .set({
        title: input.title,
        clientId,
        totalCents,
        version: sql`${proposals.version} + 1`,
        updatedByUserId: member.userId,
        updatedAt: new Date(),
      })
      .where(and(eq(proposals.practiceId, member.practiceId), eq(proposals.id, input.proposalId)));
    await replaceLines(tx, member.practiceId, input.proposalId, priced);
    return finish(tx, member, input.proposalId, resolution, totalCents);
  });
}
