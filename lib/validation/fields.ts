import { z } from 'zod';
import { controlCharacterMessage, hasControlCharacters, stripControlCharacters } from './text';

// In the browser (the client form checks a fixed field as it is typed), zod must not probe for
// `new Function`: the Content-Security-Policy forbids eval, and Chromium reports even the caught
// probe as a violation. Set before any schema is built (modules that build them import this one).
if (typeof window !== 'undefined') z.config({ jitless: true });

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

/** What a search runs on: control characters dropped, not refused, and trimmed. */
export function cleanSearchText(value: string): string {
  return stripControlCharacters(value).trim();
}

/**
 * A search box's text (list pages' `?q=`, the picker): control characters are dropped, not
 * refused, so a search always answers; anything unusable becomes "no search". A list page
 * says so when the text was too long (lib/validation/list-search.ts), never silently.
 */
export function searchText(max: number) {
  return z.string().transform(cleanSearchText).pipe(z.string().max(max)).catch('').default('');
}

export const WEBSITE_MESSAGE = 'Enter a website like example.com.au or https://example.com.';

/**
 * Whether text is a web address a person would type: a host with a dot and a top-level
 * domain of letters (`example.com.au`, `www.example.com/contact`), with or without
 * http(s)://. "bluegum physio" is not. The value is kept as typed.
 */
export function isWebsite(value: string): boolean {
  if (/\s/.test(value)) return false;
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return /^([a-z\d](?:[a-z\d-]*[a-z\d])?\.)+(xn--[a-z\d-]+|[a-z]{2,})\.?$/i.test(url.hostname);
}

export function optionalWebsite(max: number, label: string) {
  return optionalText(max, label).refine((v) => v === null || isWebsite(v), WEBSITE_MESSAGE);
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
