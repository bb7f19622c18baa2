import { z } from 'zod';

/**
 * Building blocks for form schemas. Forms send strings; an empty or whitespace-only value
 * means "no value" and is stored as null, never as "".
 */
export function optionalText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));
}

export function requiredText(max: number, label: string) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
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
