/**
 * The sandbox HTTP server: node:http only, its own port (so its own origin, and OAuth redirects
 * cross origins as they do for real), its own in-memory state.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContext } from './context';
import { route } from './router';
import { SandboxState } from './state';
import type { SandboxOptions, SandboxResponse } from './types';

export { SandboxState } from './state';
export type { Limits, SandboxOptions } from './types';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  state: SandboxState;
}

function write(res: ServerResponse, r: SandboxResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(r.body, 'utf8');
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
  res.end(body);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const state = new SandboxState(opts);
  let origin = `http://${host}`;

  const server = createServer((req, res) => {
    const ctx = createContext(req, state, origin);
    route(ctx).then(
      (r) => write(res, r),
      (error: unknown) => {
        // A bug in the sandbox must look like a server error, not hang the caller.
        console.error('[sandbox] unhandled error', error);
        write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Sandbox internal error' });
      },
    );
  });
  // Idle keep-alive sockets stay open longer than any client keeps them (undici: ~4 s), so the
  // client, not the server, closes them; otherwise a client whose event loop is busy can reuse
  // a socket the server just closed and get ECONNRESET. close() drops them all anyway.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: origin,
    state,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Requests held by the `timeout` fault never answer; drop them with everything else.
        server.closeAllConnections();
      })),
  };
}
