import { z } from 'zod';
import { controlCharacterMessage, hasControlCharacters, stripControlCharacters } from './text';

/**
 * Building blocks for form schemas. Forms send strings; an empty or whitespace-only value
 * means "no value" and is stored as null, never as "".
 *
 * Every free-text field refuses control characters (lib/validation/text.ts) with a message
 * naming the field. All our text fields are single-line inputs; pass `multiline` for a
 * future textarea, which may keep tabs and line breaks.
 */
export interface TextOptions {
  multiline?: boolean;
}

export function optionalText(max: number, label: string, options: TextOptions = {}) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((v) => !hasControlCharacters(v, options), controlCharacterMessage(label))
    .nullish()
    .transform((v) => (v ? v : null));
}

export function requiredText(max: number, label: string, options: TextOptions = {}) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((v) => !hasControlCharacters(v, options), controlCharacterMessage(label));
}

/**
 * A search box's text (list pages' `?q=`, the picker): control characters are dropped, not
 * refused, so a search always answers; anything unusable becomes "no search".
 */
export function searchText(max: number) {
  return z
    .string()
    .transform((v) => stripControlCharacters(v).trim())
    .pipe(z.string().max(max))
    .catch('')
    .default('');
}

export const optionalEmail = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters.')
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .pipe(z.email('Enter an email address like name@example.com.').nullable());

export const requiredEmail = z
  .string({ error: 'Email is required.' })
  .trim()
  .min(1, 'Email is required.')
  .max(254, 'Email must be at most 254 characters.')
  .toLowerCase()
  .pipe(z.email('Enter an email address like name@example.com.'));

/** Checkbox values arrive as "on"/"true" or are absent. */
export const checkbox = z
  .union([z.boolean(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const uuidParam = z.uuid('Not a valid id.');

/** An XPM or Gusto record's id, as the picker sends it back. */
export const externalRecordId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((v) => !hasControlCharacters(v), 'Not a valid record id.');
