import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerRequestHooks } from './request-hooks';

/**
 * The hook `next start` gets through instrumentation: on any HTTP server of the process,
 * the client search is answered before the server's own listener (Next's), and every other
 * request reaches that listener with its forwarding headers rewritten. No database is needed:
 * a search without a session is refused before any query.
 */
let server: Server;
let base: string;
const seenByListener: { url: string; forwardedFor: string | undefined }[] = [];

beforeAll(async () => {
  registerRequestHooks();
  registerRequestHooks(); // twice, as two module copies would: still one hook
  server = createServer((request, response) => {
    seenByListener.push({ url: request.url ?? '', forwardedFor: request.headers['x-forwarded-for'] as string | undefined });
    response.writeHead(418);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

test('the client search never reaches the listener; without a session it is refused', async () => {
  const response = await fetch(`${base}/api/client-search?q=harb`);
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ error: 'Sign in to search clients.' });
  expect(seenByListener.map((s) => s.url)).not.toContain('/api/client-search?q=harb');
});

test('every other request reaches the listener once, its spoofed X-Forwarded-For replaced', async () => {
  const response = await fetch(`${base}/dashboard`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  expect(response.status).toBe(418);
  const seen = seenByListener.filter((s) => s.url === '/dashboard');
  expect(seen).toHaveLength(1);
  expect(seen[0]?.forwardedFor).not.toContain('203.0.113.9');
});
