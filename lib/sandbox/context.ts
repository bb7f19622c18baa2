/** What every handler gets: the parsed request, its body on demand, and the sandbox state. */
import type { IncomingMessage } from 'node:http';
import { header, readBody } from './http';
import type { SandboxState } from './state';

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  url: URL;
  path: string;
  /** This server's origin as the client sees it (for absolute links and consent form actions). */
  origin: string;
  state: SandboxState;
  header(name: string): string | undefined;
  body(): Promise<string>;
}

export function createContext(req: IncomingMessage, state: SandboxState, fallbackOrigin: string): RequestContext {
  const host = header(req, 'host');
  const origin = host ? `http://${host}` : fallbackOrigin;
  const url = new URL(req.url ?? '/', origin);
  let bodyPromise: Promise<string> | null = null;
  return {
    req,
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    origin,
    state,
    header: (name) => header(req, name),
    body: () => (bodyPromise ??= readBody(req)),
  };
}

/** Case-insensitive query lookup: XPM documents `modifiedsince` and `modifiedSince`. */
export function queryParam(url: URL, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === lower) return v;
  return undefined;
}
