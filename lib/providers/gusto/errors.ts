import { z } from 'zod';
import { ProviderError, upstreamText, type ProviderErrorKind } from '../errors';
import type { HttpResponse } from '../http/request';
import { parseRetryAfter } from '../http/retry';

/**
 * Gusto errors: `{"errors":[{"error_key","category","message"}]}` (categories nest under
 * `nested_errors`). The category decides the kind; the status is the fallback.
 */
const entitySchema: z.ZodType<GustoEntityError> = z.lazy(() =>
  z.object({
    error_key: z.string().optional(),
    category: z.string().optional(),
    message: z.string().optional(),
    errors: z.array(entitySchema).optional(),
  }),
);
interface GustoEntityError {
  error_key?: string;
  category?: string;
  message?: string;
  errors?: GustoEntityError[];
}
const bodySchema = z.object({ errors: z.array(entitySchema) });

const KIND_BY_CATEGORY: Record<string, ProviderErrorKind> = {
  invalid_token: 'auth_expired',
  missing_permissions: 'forbidden',
  not_found: 'not_found',
  invalid_api_version: 'validation',
  invalid_resource_version: 'validation',
  invalid_attribute_value: 'validation',
  invalid_operation: 'validation',
  missing_parameter: 'validation',
  internal_error: 'server',
  rate_limit_exceeded: 'rate_limited',
};

/** Any 401 means the token was refused (`invalid_token`): worth one refresh. */
export function isGustoTokenRefused(response: HttpResponse): boolean {
  return response.status === 401;
}

export function gustoHttpError(response: HttpResponse, now: number): ProviderError {
  const { status } = response;
  const entries = flatten(parseErrors(response.text));
  const first = entries[0];
  const category = first?.category;
  const kind = (category ? KIND_BY_CATEGORY[category] : undefined) ?? kindForStatus(status);
  const detail = upstreamText(
    entries
      .map((e) => e.message)
      .filter((m): m is string => Boolean(m))
      .join(' '),
  );
  const retryAfterMs = status === 429 ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined;
  return new ProviderError({ kind, provider: 'gusto', status, code: category, retryAfterMs, message: messageFor(kind, category, detail) });
}

function messageFor(kind: ProviderErrorKind, category: string | undefined, detail: string | undefined): string {
  switch (kind) {
    case 'auth_expired':
      return 'Gusto did not accept our sign-in for this company. If this keeps happening, reconnect the company.';
    case 'forbidden':
      return "Gusto refused access to this company's details. The person who connected it may have lost access, or the app lacks a permission. Reconnect the company in Gusto.";
    case 'not_found':
      return 'Gusto could not find that company or record. It may have been removed from Gusto.';
    case 'rate_limited':
      return "Gusto's limit of requests per minute was reached. It can be used again in about a minute.";
    case 'server':
      return 'Gusto had a problem answering. Please try again in a few minutes.';
    case 'validation':
      if (category === 'invalid_api_version') return 'Gusto did not accept the API version this app uses. An administrator needs to update the app.';
      if (category === 'invalid_resource_version') return 'The record changed in Gusto while we were working on it. Please try again.';
      return `Gusto did not accept the request${detail ? `: ${detail}` : ''}.`;
    default:
      return `Gusto answered with an error${detail ? `: ${detail}` : ''}.`;
  }
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401) return 'auth_expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'validation';
}

function parseErrors(text: string): GustoEntityError[] {
  try {
    const parsed = bodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.errors : [];
  } catch {
    return [];
  }
}

function flatten(errors: GustoEntityError[], depth = 0): GustoEntityError[] {
  if (depth > 5) return [];
  return errors.flatMap((e) => (e.category === 'nested_errors' && e.errors ? flatten(e.errors, depth + 1) : [e]));
}
