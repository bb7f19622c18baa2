import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { MoneyError, parseMoney } from '@/lib/money';
import { parseHundredths } from '@/lib/money/decimal';
import { externalRecordId, optionalText, requiredText, searchText, uuidParam } from './fields';
import { LIST_SEARCH_MAX_LENGTH } from './list-search';
import { ACCEPTED_BY_MAX_LENGTH, LINE_DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from './proposal-limits';
import { PROPOSAL_STATUSES } from './proposal-statuses';

/**
 * Proposal input. Forms send text; money and quantities are read exactly (lib/money) into
 * integer cents and hundredths, never through floating point.
 */
export { PROPOSAL_STATUSES, type ProposalStatusValue } from './proposal-statuses';

export const MAX_LINES = 100;
/** numeric(12,2) holds less than 10^10; a million of anything is already implausible. */
export const MAX_QUANTITY_HUNDREDTHS = 1_000_000_00n;
/** $10,000,000 per unit: keeps every line and the total far inside safe integers. */
export const MAX_UNIT_PRICE_CENTS = 1_000_000_000;

const QUANTITY = { a: 'a quantity', the: 'The quantity', example: '1.5' };

/** "1.5" → "1.50": the exact decimal text stored in numeric(12,2). */
export function normalizeQuantity(hundredths: bigint): string {
  const text = hundredths.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

const QUANTITY_TOO_LARGE = 'The quantity must be at most 1,000,000.';
const UNIT_PRICE_TOO_LARGE = 'The unit price must be at most $10,000,000.';

const quantity = z.string({ error: 'Enter a quantity.' }).transform((raw, ctx) => {
  try {
    const hundredths = parseHundredths(raw, QUANTITY);
    if (hundredths > MAX_QUANTITY_HUNDREDTHS) {
      ctx.addIssue({ code: 'custom', message: QUANTITY_TOO_LARGE });
      return z.NEVER;
    }
    return normalizeQuantity(hundredths);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    // Past what a number can hold is past the limit too: say the limit, not "too large".
    ctx.addIssue({ code: 'custom', message: error.code === 'too_large' ? QUANTITY_TOO_LARGE : error.message });
    return z.NEVER;
  }
});

const unitPrice = z.string({ error: 'Enter a unit price.' }).transform((raw, ctx) => {
  try {
    const cents = parseMoney(raw);
    if (cents > MAX_UNIT_PRICE_CENTS) {
      ctx.addIssue({ code: 'custom', message: UNIT_PRICE_TOO_LARGE });
      return z.NEVER;
    }
    return cents;
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.code === 'too_large' ? UNIT_PRICE_TOO_LARGE : error.message.replace('amount', 'unit price') });
    return z.NEVER;
  }
});

export const proposalLineInputSchema = z.object({
  description: requiredText(LINE_DESCRIPTION_MAX_LENGTH, 'Description'),
  quantity,
  unitPrice,
});
export type ProposalLineInput = z.output<typeof proposalLineInputSchema>;

const appId = appIdSchema();

/**
 * More clients than any question names (six likely duplicates, or a name's few namesakes): the
 * bound keeps a forged request from sending an endless list.
 */
export const MAX_SHOWN_CLIENTS = 100;

/**
 * Who the proposal is for. An external record is only a choice until the proposal is
 * saved: saving creates (or links) the client. `linkToClientId`, `createNew` and `shownClientIds`
 * are the author's answer when clients here share the record's name or look like it
 * (lib/clients/picked-record-plan.ts).
 */
export const clientChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('client'), clientId: uuidParam }),
  z.object({
    kind: z.literal('external'),
    app: appId,
    externalId: externalRecordId,
    linkToClientId: uuidParam.nullish().transform((v) => v ?? null),
    /** The author's answer that the record is another business than the clients named like it. */
    createNew: z.boolean().optional().default(false),
    /** The clients the question showed when the author gave `createNew`: it answers for those only. */
    shownClientIds: z.array(uuidParam).max(MAX_SHOWN_CLIENTS, 'Too many clients in the answer.').optional().default([]),
    /** The author's second word that a look-alike whose tax or business number differs is this business all the same. */
    linkDespiteDifferentNumber: z.boolean().optional().default(false),
  }),
]);
export type ClientChoice = z.output<typeof clientChoiceSchema>;

export const proposalContentSchema = z.object({
  title: requiredText(TITLE_MAX_LENGTH, 'Title'),
  client: clientChoiceSchema,
  lines: z.array(proposalLineInputSchema).max(MAX_LINES, `A proposal can have at most ${MAX_LINES} service lines.`),
});
export type ProposalContent = z.output<typeof proposalContentSchema>;

export const saveProposalSchema = proposalContentSchema.extend({
  proposalId: uuidParam,
  version: z.coerce.number().int().min(1),
});
export type SaveProposalInput = z.output<typeof saveProposalSchema>;

export const proposalStatusChangeSchema = z.object({
  proposalId: uuidParam,
  version: z.coerce.number().int().min(1),
  to: z.enum(['sent', 'declined', 'draft']),
});

/** Accepting: the version the editor showed, and who accepted on the client's behalf (issue 15). */
export const acceptProposalSchema = z.object({
  proposalId: uuidParam,
  version: z.coerce.number().int().min(1),
  acceptedBy: requiredText(ACCEPTED_BY_MAX_LENGTH, 'The name of who accepted'),
});

export const proposalListQuerySchema = z.object({
  q: searchText(LIST_SEARCH_MAX_LENGTH),
  status: z
    .enum(['all', ...PROPOSAL_STATUSES])
    .catch('all')
    .default('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ProposalListQuery = z.output<typeof proposalListQuerySchema>;

/** The short "Create new client" form in the picker. */
export const pickerNewClientSchema = z.object({
  name: requiredText(200, 'Name'),
  email: z
    .string()
    .trim()
    .max(254, 'Email must be at most 254 characters.')
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null))
    .pipe(z.email('Enter an email address like name@example.com.').nullable()),
  taxNumber: optionalText(40, 'Tax number'),
  /** Set once the author has seen the likely duplicates and chose to create anyway. */
  duplicatesReviewed: z.boolean().default(false),
});
export type PickerNewClientInput = z.output<typeof pickerNewClientSchema>;

export const duplicateQuerySchema = z.object({
  name: searchText(200),
  email: searchText(254),
  taxNumber: searchText(40),
});
export type DuplicateQuery = z.output<typeof duplicateQuerySchema>;
