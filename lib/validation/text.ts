/**
 * Control characters at the input boundary. PostgreSQL refuses a NUL in text outright (the
 * query fails, which was a 500), and other C0 controls and DEL have no place in a name or a
 * title: they come from pasted binary or crafted requests, and break exports and display.
 */

// C0 controls and DEL. Built from code points so the source holds no control characters.
const CONTROL = /[\u0000-\u001f\u007f]/u;
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f]/gu;
// The same, less tab, LF and CR: what a multi-line text may contain.
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

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
