/** Small helpers for building responses and reading requests with node:http only. */
import type { IncomingMessage } from 'node:http';
import type { SandboxResponse } from './types';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function xml(status: number, body: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/xml; charset=utf-8', ...headers }, body };
}

export function html(status: number, body: string): SandboxResponse {
  // The consent pages are the only HTML; forbid framing so they behave like the real ones.
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY', 'cache-control': 'no-store' },
    body,
  };
}

export function text(status: number, body: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function empty(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers, body: '' };
}

export function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

/** Redirect to `base` with extra query parameters, keeping any it already has. */
export function redirectWith(base: string, params: Record<string, string | undefined>): SandboxResponse {
  const target = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
  return redirect(target.toString());
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form or JSON body as a flat string map (OAuth token endpoints accept both). */
export function parseParams(body: string, contentType: string | undefined): Record<string, string> {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(body || '{}');
      const out: Record<string, string> = {};
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
        }
      }
      return out;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

export function parseBasicAuth(header: string | undefined): { id: string; secret: string } | null {
  if (!header) return null;
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec((header ?? '').trim());
  return match?.[1] ?? null;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
