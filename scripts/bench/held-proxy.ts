import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of the sandbox that holds the requests `hold` picks until
 * `release()`. The benchmark holds the sync run's XPM read with it, so the run (which the
 * worker starts as the server starts) applies only once the users are typing and the server
 * is warm — not while `next start` is still coming up.
 */
export interface HeldProxy {
  url: string;
  /** Resolves when the first held request arrives (the run has been claimed and is reading). */
  firstHeld: Promise<void>;
  /** Lets held (and later) requests through; returns the wall-clock time it did. */
  release(): number;
  close(): Promise<void>;
}

export async function startHeldProxy(targetUrl: string, hold: (path: string) => boolean): Promise<HeldProxy> {
  const target = new URL(targetUrl);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let released = false;
  let held!: () => void;
  const firstHeld = new Promise<void>((resolve) => (held = resolve));
  const server = createServer((req, res) => {
    const forward = () => {
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(error.message);
      });
      req.pipe(upstream);
    };
    if (!released && hold(req.url ?? '')) {
      held();
      void gate.then(forward);
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    firstHeld,
    release() {
      released = true;
      release();
      return Date.now();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
