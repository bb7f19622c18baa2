/**
 * Control characters at the input boundary. PostgreSQL refuses a NUL in text outright (the
 * query fails, which was a 500), and other C0 controls and DEL have no place in a name or a
 * title: they come from pasted binary or crafted requests, and break exports and display.
 */

// C0 and C1 controls and DEL, plus the invisible characters that make one name look like
// another: direction overrides and isolates (U+202A–202E, U+2066–2069, which can reverse how
// "Bob\u202Eevil" reads), zero-width space, line/paragraph separators and the byte-order mark.
// Zero-width (non-)joiners stay: some scripts and emoji need them. Written as escapes so the
// source holds none of these characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;
// The same, less tab, LF and CR: what a multi-line text may contain.
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? CONTROL_EXCEPT_LAYOUT : CONTROL).test(value);
}

/**
 * Search text is forgiving: a stray control character (pasted, or typed into the address)
 * is dropped rather than refused, so the search still answers. A tab or newline becomes a
 * space so the words on either side stay apart.
 */
export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_GLOBAL, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : ''));
}

export function controlCharacterMessage(label: string): string {
  return `${label} cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.`;
}
