import { type IncomingMessage, Server, type ServerResponse } from 'node:http';
import { applyTrustedForwarding } from '@/lib/auth/forwarded-headers';
import { env } from '@/lib/env';
import { serveClientSearchBeforeNext } from './client-search-fast-path';

/**
 * Two things happen on the HTTP server's 'request' event, before Next sees the request
 * (`next start` owns the server, so the hook is on the event itself):
 * - Each request's forwarding headers are rewritten by how many proxies are trusted
 *   (TRUSTED_PROXY_HOPS): otherwise a client's own X-Forwarded-For picks its rate-limit
 *   bucket and its own X-Forwarded-Host passes Next's server-action Origin check.
 * - The client picker's search is answered there and then, without Next's request pipeline
 *   (lib/http/client-search-fast-path.ts says why); every other request goes on to Next.
 */
export function registerRequestHooks() {
  const hops = env().TRUSTED_PROXY_HOPS;
  const marker = Symbol.for('practice-sync.request-hooks');
  const proto = Server.prototype as Server & { [marker]?: true };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      applyTrustedForwarding(request.headers, request.socket.remoteAddress, hops);
      if (serveClientSearchBeforeNext(request, args[1] as ServerResponse)) return true;
    }
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
