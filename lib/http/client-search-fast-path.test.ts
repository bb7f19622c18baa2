import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { users } from '@/db/schema';
import { createClient } from '@/lib/dal/clients';
import { authSecret } from '@/lib/secrets';
import { clientInputSchema } from '@/lib/validation/client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { serveClientSearchBeforeNext } from './client-search-fast-path';

/**
 * The picker's search answered from the HTTP server's request event, before Next, over real
 * HTTP: a server whose own listener stands in for Next (it answers 418 "next"), so each test
 * sees whether the fast path answered or passed the request on — and what it answered.
 */
const SESSION_COOKIE = 'authjs.session-token';
const OWN_CLIENT = 'Wrenfield Orchard Holdings';

async function sessionCookie(userId: string, sessionVersion: number): Promise<string> {
  const token = await encode({ token: { sub: userId, sv: sessionVersion }, secret: authSecret(), salt: SESSION_COOKIE, maxAge: 3600 });
  return `theme=dark; ${SESSION_COOKIE}=${token}`;
}

/**
 * The cookie with its token's ciphertext changed at its first character. (Not the last: the
 * final base64url character of a 32-byte tag carries two unused bits, so changing it may
 * change nothing.)
 */
function tampered(cookie: string): string {
  const [prefix, token] = cookie.split(`${SESSION_COOKIE}=`) as [string, string];
  const parts = token.split('.');
  const ciphertext = parts[3]!;
  parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
  return `${prefix}${SESSION_COOKIE}=${parts.join('.')}`;
}

describe.each(testDatabases())('the client search before Next, on $name', (target) => {
  let database: OpenDatabase;
  let server: Server;
  let base: string;
  let owner: Awaited<ReturnType<typeof createPracticeMembers>>;
  let stranger: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    owner = await createPracticeMembers(database.db, 'Owner');
    stranger = await createPracticeMembers(database.db, 'Stranger');
    await createClient(owner.admin, clientInputSchema.parse({ name: OWN_CLIENT, email: 'office@wrenfield.example' }));
    server = createServer((request, response) => {
      if (serveClientSearchBeforeNext(request, response)) return;
      response.writeHead(418, { 'Content-Type': 'text/plain' });
      response.end('next');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await uninstallTestDatabase(database);
  });

  const get = (path: string, cookie?: string, method = 'GET') => fetch(`${base}${path}`, { method, headers: cookie ? { cookie } : {} });

  test("a member's search is answered here, from their own practice, with the route's headers and Next's fixed ones", async () => {
    const response = await get('/api/client-search?q=wrenfield', await sessionCookie(owner.author.userId, 1));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { query: string; groups: { entries: { name: string }[] }[] };
    expect(body.query).toBe('wrenfield');
    expect(body.groups.flatMap((g) => g.entries.map((e) => e.name))).toContain(OWN_CLIENT);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('private, no-store, no-transform');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    expect(response.headers.get('server-timing')).toMatch(/^auth;dur=[\d.]+, search;dur=[\d.]+$/);
  });

  test("another practice's member gets their own (empty) result, never this practice's client", async () => {
    const response = await get('/api/client-search?q=wrenfield', await sessionCookie(stranger.admin.userId, 1));
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(OWN_CLIENT);
  });

  test('signed out, tampered, or a session from before the member signed out everywhere: 401 and no result', async () => {
    const valid = await sessionCookie(owner.admin.userId, 1);
    for (const cookie of [undefined, 'theme=dark', tampered(valid)]) {
      const response = await get('/api/client-search?q=wrenfield', cookie);
      expect(response.status, cookie).toBe(401);
      expect(await response.json()).toEqual({ error: 'Sign in to search clients.' });
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    }
    await database.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, owner.admin.userId));
    const stale = await get('/api/client-search?q=wrenfield', valid);
    expect(stale.status).toBe(401);
    expect(await stale.text()).not.toContain(OWN_CLIENT);
  });

  test('control characters in the query are dropped, not sent to the database', async () => {
    const response = await get('/api/client-search?q=wren%00field', await sessionCookie(owner.author.userId, 1));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { query: string }).query).toBe('wrenfield');
  });

  test.each([
    ['another method', '/api/client-search?q=wrenfield', 'POST'],
    ['HEAD', '/api/client-search?q=wrenfield', 'HEAD'],
    ['the duplicates sibling', '/api/client-search/duplicates?name=wrenfield', 'GET'],
    ['a longer name', '/api/client-searches?q=wrenfield', 'GET'],
    ['a trailing slash', '/api/client-search/?q=wrenfield', 'GET'],
    ['a page', '/proposals/new', 'GET'],
  ])('%s goes on to Next', async (_, path, method) => {
    const response = await get(path, await sessionCookie(owner.author.userId, 1), method);
    expect(response.status).toBe(418);
  });

  test('answers as the route handler answers the same request', async () => {
    const { GET } = await import('@/app/api/client-search/route');
    const cookie = await sessionCookie(owner.author.userId, 1);
    for (const [path, withCookie] of [
      ['/api/client-search?q=wrenfield', true],
      ['/api/client-search?q=orchard%20wren', true],
      ['/api/client-search', true],
      ['/api/client-search?q=wrenfield', false],
    ] as const) {
      const headers = withCookie ? { cookie } : undefined;
      const viaNext = await GET(new NextRequest(`${base}${path}`, { headers }));
      const here = await get(path, withCookie ? cookie : undefined);
      expect(here.status, path).toBe(viaNext.status);
      expect(await here.text(), path).toBe(await viaNext.text());
      const routeHeaders = [...viaNext.headers].filter(([name]) => name !== 'server-timing');
      for (const [name, value] of routeHeaders) expect(here.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  test('when the database fails, a clear 500 and the search goes on working after', async () => {
    const cookie = await sessionCookie(owner.author.userId, 1);
    const key = '__practiceSyncDb';
    const holder = globalThis as { [key]?: Promise<OpenDatabase> };
    const working = holder[key];
    holder[key] = Promise.reject(new Error('database unreachable'));
    holder[key].catch(() => undefined);
    try {
      const failed = await get('/api/client-search?q=wrenfield', cookie);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: 'Search failed. Try again.' });
    } finally {
      holder[key] = working;
    }
    expect((await get('/api/client-search?q=wrenfield', cookie)).status).toBe(200);
  });
});
