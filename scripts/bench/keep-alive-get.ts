import { Agent, get } from 'node:http';

export interface GetAnswer {
  status: number;
  /** The answer's Server-Timing header, if any. */
  serverTiming: string;
  /** Bytes of the whole body, read to the end. */
  bytes: number;
}

/**
 * A load generator's GET: a real HTTP/1.1 request over a kept-alive connection, the whole answer
 * read. Plain node:http rather than `fetch`: the load generator shares the machine's two cores
 * with the servers it measures, and fetch (undici's Request, Response and web streams) cost about
 * 1 ms of CPU per search there, a fifth of what the app itself spends; this costs a fraction.
 *
 * Connections are taken first-in first-out, so every open connection carries its share of the
 * requests: two workers on one port are handed connections, not requests, in turn (scripts/start.mjs),
 * and reusing the most recent connection would load one worker while the other idled.
 */
export function keepAliveGetter(base: string, headers: Record<string, string>): (pathAndQuery: string) => Promise<GetAnswer> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, scheduling: 'fifo' });
  const send = (pathAndQuery: string): Promise<GetAnswer> =>
    new Promise((resolve, reject) => {
      const request = get({ agent, host: url.hostname, port: url.port, path: pathAndQuery, headers }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, serverTiming: String(response.headers['server-timing'] ?? ''), bytes }));
        response.on('error', reject);
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed for idling (its keep-alive timeout, 5 s)
        // just as this request went out on it: not the server failing, so sent again on a
        // fresh connection, as Node's documentation advises (http.ClientRequest reusedSocket).
        if (request.reusedSocket && error.code === 'ECONNRESET') send(pathAndQuery).then(resolve, reject);
        else reject(error);
      });
    });
  return send;
}
