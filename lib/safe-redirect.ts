/**
 * Only same-site paths may be redirected to after sign-in: "//evil.example" and
 * "https://…" are open redirects.
 */
export function safeCallbackPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-up') || value.startsWith('/api/')) return fallback;
  return value;
}
