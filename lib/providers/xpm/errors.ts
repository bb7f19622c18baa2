import { ProviderError, upstreamText } from '../errors';
import type { HttpResponse } from '../http/request';
import { parseRetryAfter } from '../http/retry';
import { clientsOfResponse, splitClients, type ClientItem } from './client-list';
import { isXmlObject, parseXml, text, type XmlObject } from './xml';

export interface XpmAnswer {
  /** `<Response>` without its clients. */
  envelope: XmlObject;
  /** The `<Client>` elements, list or single, in order; mapped lazily (see client-list.ts). */
  clients: ClientItem[];
}

/**
 * Turn an XPM answer into its envelope and clients, or a typed error. XPM reports some
 * failures as HTTP 200 with `<Status>ERROR</Status>`, so a 200 is not yet a success.
 */
export function readXpmResponse(response: HttpResponse, now: number, options: { clients?: boolean } = {}): XpmAnswer {
  if (response.status >= 200 && response.status < 300) {
    // Answers about other things (jobs) hold <Client> references, not clients: parse them whole.
    const answer = options.clients === false ? wholeAnswer(response.text) : splitAnswer(response.text);
    const body = answer?.envelope;
    if (!answer || !body) {
      throw new ProviderError({ kind: 'malformed', provider: 'xpm', status: response.status, message: 'XPM sent an answer we could not read. Please try again later.' });
    }
    const status = text(body.Status)?.toUpperCase();
    if (status === 'OK') return answer;
    if (status === 'ERROR') throw statusError(text(body.ErrorDescription), response.status);
    throw new ProviderError({ kind: 'malformed', provider: 'xpm', status: response.status, message: 'XPM sent an answer without a status. Please try again later.' });
  }
  throw xpmHttpError(response, now);
}

/** Xero answers a refused token with 401 (JSON `Detail: "TokenExpired: …"` when it simply expired). */
export function isXpmTokenRefused(response: HttpResponse): boolean {
  return response.status === 401;
}

export function xpmHttpError(response: HttpResponse, now: number): ProviderError {
  const { status } = response;
  const detail = describeBody(response.text);
  if (status === 401) {
    const code = detail?.split(':')[0]?.trim() || 'Unauthorized';
    return new ProviderError({
      kind: 'auth_expired',
      provider: 'xpm',
      status,
      code,
      message: 'XPM did not accept our sign-in for this practice. If this keeps happening, reconnect XPM.',
    });
  }
  if (status === 403) {
    return new ProviderError({
      kind: 'forbidden',
      provider: 'xpm',
      status,
      message:
        'XPM refused access to this practice. The connected Xero user may have lost access to it, or a different practice was chosen. Reconnect XPM to pick the right practice.',
    });
  }
  if (status === 404) {
    return new ProviderError({ kind: 'not_found', provider: 'xpm', status, message: `XPM could not find that record${detail ? `: ${detail}` : ''}.` });
  }
  if (status === 429) {
    const problem = response.headers.get('x-rate-limit-problem')?.toLowerCase() ?? undefined;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    const which =
      problem === 'day' || problem === 'daily'
        ? "XPM's daily limit of calls for this practice has been reached"
        : problem === 'concurrent'
          ? 'Too many requests were running at once against XPM'
          : "XPM's per-minute limit of calls for this practice has been reached";
    return new ProviderError({
      kind: 'rate_limited',
      provider: 'xpm',
      status,
      code: problem,
      retryAfterMs,
      // Nothing schedules a retry (the caller decides), so promise nothing: say when it can work again.
      message: `${which}. It can be used again ${waitPhrase(retryAfterMs)}.`,
    });
  }
  if (status >= 500) {
    return new ProviderError({ kind: 'server', provider: 'xpm', status, message: 'XPM had a problem answering. Please try again in a few minutes.' });
  }
  return new ProviderError({
    kind: 'validation',
    provider: 'xpm',
    status,
    message: `XPM did not accept the request${detail ? `: ${detail}` : ''}.`,
  });
}

function statusError(description: string | null, httpStatus: number): ProviderError {
  const detail = upstreamText(description);
  if (detail && /\bnot found\b|does not exist|invalid (client )?(uuid|identifier)/i.test(detail)) {
    return new ProviderError({ kind: 'not_found', provider: 'xpm', status: httpStatus, message: `XPM could not find that record: ${detail}` });
  }
  return new ProviderError({
    kind: 'validation',
    provider: 'xpm',
    status: httpStatus,
    message: detail ? `XPM did not accept the change: ${detail}` : 'XPM did not accept the change and gave no reason.',
  });
}

function splitAnswer(body: string): XpmAnswer | null {
  const split = splitClients(body);
  if (split) {
    const envelope = parseEnvelope(split.envelope);
    return envelope ? { envelope, clients: split.clients } : null;
  }
  const whole = parseEnvelope(body);
  return whole ? { envelope: whole, clients: clientsOfResponse(whole) } : null;
}

function wholeAnswer(body: string): XpmAnswer | null {
  const envelope = parseEnvelope(body);
  return envelope ? { envelope, clients: [] } : null;
}

function parseEnvelope(body: string): XmlObject | null {
  try {
    const doc = parseXml(body);
    return isXmlObject(doc.Response) ? doc.Response : null;
  } catch {
    return null;
  }
}

/** The human part of an error body: XML ErrorDescription or Xero's JSON problem Detail/Title. */
function describeBody(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      const pick = json.Detail ?? json.detail ?? json.Message ?? json.message ?? json.Title ?? json.title;
      return typeof pick === 'string' ? upstreamText(pick) : undefined;
    } catch {
      return undefined;
    }
  }
  if (trimmed.startsWith('<')) {
    const envelope = parseEnvelope(trimmed);
    return envelope ? upstreamText(text(envelope.ErrorDescription)) : undefined;
  }
  return undefined;
}

function waitPhrase(ms: number | undefined): string {
  if (ms === undefined) return 'shortly';
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 90_000) return `in about ${Math.max(1, Math.round(ms / 1000))} seconds`;
  if (minutes < 120) return `in about ${minutes} minutes`;
  return `in about ${Math.round(minutes / 60)} hours`;
}
