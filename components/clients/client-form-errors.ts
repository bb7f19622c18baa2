import type { ErrorSummaryEntry } from '@/components/proposals/editor-state';
import { CLIENT_FIELD_LABELS } from '@/lib/clients/field-labels';
import type { z } from 'zod';
import { clientInputSchema, contactInputSchema } from '@/lib/validation/client';

/**
 * The client form's field errors after a refused save: listed in page order with names a
 * person recognises (the summary the form moves focus to), and dropped one by one as each
 * field is fixed, so an error never stays beside a value that is now fine.
 */
export type FieldErrors = Readonly<Record<string, readonly string[] | undefined>>;

/** The form's fields from top to bottom (contacts come after all of these). */
const PAGE_ORDER = [
  'name',
  'legalName',
  'tradingName',
  'businessStructure',
  'email',
  'phone',
  'website',
  'taxNumber',
  'businessNumber',
  'streetLine1',
  'streetLine2',
  'streetCity',
  'streetRegion',
  'streetPostcode',
  'streetCountry',
  'postalLine1',
  'postalLine2',
  'postalCity',
  'postalRegion',
  'postalPostcode',
  'postalCountry',
] as const;

const CONTACT_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  position: 'position',
  salutation: 'salutation',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  isPrimary: 'primary contact',
};
const CONTACT_FIELD_ORDER = Object.keys(CONTACT_FIELDS);

/** The id of the control a client field's error belongs to (ClientForm and ContactsEditor use these). */
export function clientFieldId(path: string, contactKeys: readonly string[]): string | null {
  const [head, index, field] = path.split('.');
  if (head === 'contacts') {
    const key = index === undefined ? undefined : contactKeys[Number(index)];
    return key !== undefined && field !== undefined && field in CONTACT_FIELDS ? `contact-${key}-${field}` : null;
  }
  return (PAGE_ORDER as readonly string[]).includes(path) ? `client-${path}` : null;
}

export function clientErrorSummary(fieldErrors: FieldErrors, contactKeys: readonly string[]): ErrorSummaryEntry[] {
  const entries: (ErrorSummaryEntry & { order: number })[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const message = messages?.[0];
    if (!message) continue;
    const [head, index, field] = path.split('.');
    const fieldId = clientFieldId(path, contactKeys);
    const pageIndex = (PAGE_ORDER as readonly string[]).indexOf(path);
    if (pageIndex >= 0) {
      entries.push({ order: pageIndex, fieldId, label: CLIENT_FIELD_LABELS[path as (typeof PAGE_ORDER)[number]], message });
    } else if (head === 'contacts' && index !== undefined && field !== undefined && field in CONTACT_FIELDS) {
      const n = Number(index);
      entries.push({
        order: PAGE_ORDER.length + 1 + n * CONTACT_FIELD_ORDER.length + CONTACT_FIELD_ORDER.indexOf(field),
        fieldId,
        label: `Contact ${n + 1} ${CONTACT_FIELDS[field]}`,
        message,
      });
    } else if (head === 'contacts') {
      entries.push({ order: PAGE_ORDER.length, fieldId: null, label: 'Contacts', message });
    } else {
      entries.push({ order: Number.MAX_SAFE_INTEGER, fieldId: null, label: path, message });
    }
  }
  return entries.sort((a, b) => a.order - b.order).map(({ order: _order, ...entry }) => entry);
}

/** The rule for one control, by its form name: `email`, `contacts.2.email`. */
function ruleFor(name: string): { safeParse(value: unknown): { success: boolean } } | undefined {
  const [head, , field] = name.split('.');
  if (head === 'contacts') return field === undefined ? undefined : (contactInputSchema.shape as Record<string, z.ZodType>)[field];
  return head === undefined ? undefined : (clientInputSchema.shape as Record<string, z.ZodType>)[head];
}

/**
 * The errors still standing after the person changed the control named `changed`: its error
 * goes as soon as that field's own rule accepts the new value. "Only one primary contact" is
 * about every contact, so a change to any primary checkbox re-checks them all.
 */
export function errorsAfterEdit(errors: FieldErrors, form: FormData, changed: string): FieldErrors {
  const primary = /^contacts\.\d+\.isPrimary$/;
  if (primary.test(changed)) {
    const primaries = [...form.keys()].filter((name) => primary.test(name)).length;
    if (primaries > 1) return errors;
    const cleared = Object.entries(errors).filter(([path]) => !primary.test(path));
    return cleared.length === Object.keys(errors).length ? errors : Object.fromEntries(cleared);
  }
  if (!errors[changed]) return errors;
  const rule = ruleFor(changed);
  // A field with no rule of its own here (an answer only the server gives) clears when edited.
  if (rule && !rule.safeParse(form.get(changed)).success) return errors;
  const { [changed]: _fixed, ...rest } = errors;
  return rest;
}
