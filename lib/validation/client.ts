import { z } from 'zod';
import { CLIENT_LINK_FILTERS } from '@/lib/clients/link-filter';
import { checkbox, optionalEmail, optionalText, optionalWebsite, requiredText, searchText } from './fields';
import { LIST_SEARCH_MAX_LENGTH } from './list-search';

export const MAX_CONTACTS = 50;

export const contactInputSchema = z.object({
  id: z
    .uuid()
    .nullish()
    .or(z.literal('').transform(() => null)),
  name: requiredText(120, 'Contact name'),
  email: optionalEmail,
  phone: optionalText(40, 'Phone'),
  mobile: optionalText(40, 'Mobile'),
  salutation: optionalText(40, 'Salutation'),
  position: optionalText(120, 'Position'),
  isPrimary: checkbox,
});
export type ContactInput = z.output<typeof contactInputSchema>;

function addressFields<P extends string>(prefix: P) {
  return {
    [`${prefix}Line1`]: optionalText(200, 'Address line 1'),
    [`${prefix}Line2`]: optionalText(200, 'Address line 2'),
    [`${prefix}City`]: optionalText(100, 'City'),
    [`${prefix}Region`]: optionalText(100, 'Region'),
    [`${prefix}Postcode`]: optionalText(20, 'Postcode'),
    [`${prefix}Country`]: optionalText(100, 'Country'),
  } as Record<`${P}${'Line1' | 'Line2' | 'City' | 'Region' | 'Postcode' | 'Country'}`, ReturnType<typeof optionalText>>;
}

export const clientInputSchema = z
  .object({
    name: requiredText(200, 'Name'),
    legalName: optionalText(200, 'Legal name'),
    tradingName: optionalText(200, 'Trading name'),
    email: optionalEmail,
    phone: optionalText(40, 'Phone'),
    website: optionalWebsite(200, 'Website'),
    ...addressFields('street'),
    ...addressFields('postal'),
    taxNumber: optionalText(40, 'Tax number'),
    businessNumber: optionalText(40, 'Business number'),
    businessStructure: optionalText(80, 'Business structure'),
    contacts: z
      .array(contactInputSchema)
      .max(MAX_CONTACTS, `A client can have at most ${MAX_CONTACTS} contacts.`)
      .nullish()
      .transform((v) => v ?? []),
  })
  .superRefine((client, ctx) => {
    // One primary contact: every extra primary gets the message beside its own checkbox.
    let seenPrimary = false;
    client.contacts.forEach((contact, index) => {
      if (!contact.isPrimary) return;
      if (seenPrimary) {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts', index, 'isPrimary'],
          message: 'Only one contact can be the primary contact.',
        });
      }
      seenPrimary = true;
    });
  });
export type ClientInput = z.output<typeof clientInputSchema>;

export const clientListQuerySchema = z.object({
  q: searchText(LIST_SEARCH_MAX_LENGTH),
  status: z.enum(['active', 'archived', 'all']).catch('active').default('active'),
  /** Which clients by their links: any, linked to one app, to none, or to a record the app archived or deleted. */
  link: z.enum(CLIENT_LINK_FILTERS).catch('any').default('any'),
  sort: z.enum(['name', '-name', 'updated', '-updated', 'created', '-created']).catch('name').default('name'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ClientListQuery = z.output<typeof clientListQuerySchema>;

/**
 * The clients the person said this one is a different business from (the client form's "Save
 * anyway" box, whose value is their ids, comma-separated): the save asks only about others.
 */
export const confirmedDuplicateIdsSchema = z
  .string()
  .nullish()
  .transform((v) => (v ? v.split(',') : []))
  .pipe(z.array(z.uuid()).max(20));
