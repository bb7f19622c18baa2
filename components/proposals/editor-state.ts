import { type Cents, formatAmountInput, lineTotalCents, parseMoney, sumCents } from '@/lib/money';
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
    // Grouped as the totals beside it are: "1,250.50", never "1250.50" for what was typed "1,250.50".
    unitPrice: formatAmountInput(line.unitPriceCents),
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

export interface ErrorSummaryEntry {
  /** The control to move focus to; null for the client picker (it loads after the page) or a whole section. */
  fieldId: string | null;
  label: string;
  message: string;
}

const LINE_FIELDS: Readonly<Record<string, { suffix: string; label: string }>> = {
  description: { suffix: 'description', label: 'Description' },
  quantity: { suffix: 'quantity', label: 'Quantity' },
  unitPrice: { suffix: 'price', label: 'Unit price' },
};

/**
 * The fields a refused save named, in page order, each with where it is (the ids the
 * editor's fields use) and a name a person recognises: "Line 2 Quantity", not
 * "lines.1.quantity".
 */
export function errorSummary(fieldErrors: Readonly<Record<string, readonly string[]>>, lines: readonly LineDraft[]): ErrorSummaryEntry[] {
  const entries: (ErrorSummaryEntry & { order: number })[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const message = messages[0];
    if (!message) continue;
    const [head, index, field] = path.split('.');
    const line = index === undefined ? undefined : lines[Number(index)];
    const lineField = field === undefined ? undefined : LINE_FIELDS[field];
    if (head === 'title') entries.push({ order: 0, fieldId: 'proposal-title', label: 'Title', message });
    else if (head === 'client') entries.push({ order: 1, fieldId: null, label: 'Client', message });
    else if (head === 'lines' && line && lineField) {
      entries.push({ order: 3 + Number(index), fieldId: `line-${line.key}-${lineField.suffix}`, label: `Line ${Number(index) + 1} ${lineField.label}`, message });
    } else if (head === 'lines') entries.push({ order: 2, fieldId: null, label: 'Service lines', message });
    else entries.push({ order: Number.MAX_SAFE_INTEGER, fieldId: null, label: path, message });
  }
  // Stable: within one line, the fields keep the order the server listed them in.
  return entries.sort((a, b) => a.order - b.order).map(({ order: _order, ...entry }) => entry);
}
