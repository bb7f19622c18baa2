import { type Cents, centsToDecimalString, lineTotalCents, parseMoney, sumCents } from '@/lib/money';
import type { ProposalLineView } from '@/lib/dal/proposals/detail';
import { type ClientSelection, selectionKey, toClientChoice } from '@/components/client-picker/selection';

/**
 * The editor's draft, as typed (text, so nothing typed is ever reformatted or lost), and
 * the pure functions over it: live totals by lib/money, the payload sent on save, and the
 * snapshot that tells whether there are unsaved changes.
 */
export interface LineDraft {
  /** Stable identity for React and focus management across reordering. */
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface EditorDraft {
  title: string;
  client: ClientSelection;
  lines: LineDraft[];
}

let nextKey = 0;
export function newLineKey(): string {
  nextKey += 1;
  return `line-${nextKey}`;
}

export function emptyLine(): LineDraft {
  return { key: newLineKey(), description: '', quantity: '1', unitPrice: '' };
}

export function linesFromServer(lines: readonly ProposalLineView[]): LineDraft[] {
  return lines.map((line) => ({
    key: newLineKey(),
    description: line.description,
    // Stored as "1.50"; shown as typed would be: "1.5", "1" (the same exact value).
    quantity: line.quantity.includes('.') ? line.quantity.replace(/0+$/, '').replace(/\.$/, '') : line.quantity,
    unitPrice: centsToDecimalString(line.unitPriceCents),
  }));
}

/** The line's total, or null while its quantity or price is not a valid amount yet. */
export function liveLineTotal(line: Pick<LineDraft, 'quantity' | 'unitPrice'>): Cents | null {
  try {
    return lineTotalCents(line.quantity, parseMoney(line.unitPrice));
  } catch {
    return null;
  }
}

export function liveTotal(lines: readonly LineDraft[]): { totalCents: Cents; incomplete: number } {
  const totals = lines.map(liveLineTotal);
  return {
    totalCents: sumCents(totals.filter((t): t is Cents => t !== null)),
    incomplete: totals.filter((t) => t === null).length,
  };
}

/** What the server receives: text for amounts (it parses them exactly), ids for the client. */
export function toPayload(draft: EditorDraft) {
  return {
    title: draft.title,
    client: toClientChoice(draft.client),
    lines: draft.lines.map(({ description, quantity, unitPrice }) => ({ description, quantity, unitPrice })),
  };
}

/** Equal snapshots mean nothing to save (line keys and display-only client details ignored). */
export function draftSnapshot(draft: EditorDraft): string {
  return JSON.stringify({ ...toPayload(draft), client: selectionKey(draft.client) });
}

export function moveLine(lines: readonly LineDraft[], index: number, by: -1 | 1): LineDraft[] {
  const to = index + by;
  if (to < 0 || to >= lines.length) return [...lines];
  const next = [...lines];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}
