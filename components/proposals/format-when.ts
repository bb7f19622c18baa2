/** "12 May 2026, 10:31 am" in the reader's locale and zone (client) or the server's (server). */
export function formatWhen(value: Date | string): string {
  return new Date(value).toLocaleString('en-AU', { dateStyle: 'medium', timeStyle: 'short' });
}
