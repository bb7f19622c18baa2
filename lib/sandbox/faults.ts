/**
 * Injected faults for the next N matching requests (test mode only). A fault is consumed when a
 * request matches it, in the order faults were added, so a test can script "two 429s then a 500".
 */
import { z } from 'zod';
import type { SandboxApp } from './types';

export const faultKinds = ['rate_limit', 'server_error', 'slow', 'timeout', 'malformed'] as const;
export type FaultKind = (typeof faultKinds)[number];

export const faultInput = z.object({
  app: z.enum(['xpm', 'gusto', 'any']).default('any'),
  kind: z.enum(faultKinds),
  /** How many matching requests it applies to. */
  count: z.number().int().min(1).max(10_000).default(1),
  /** Only requests whose path contains this (e.g. "client.api/list", "/oauth/token"). */
  pathContains: z.string().min(1).optional(),
  /** For `slow`: delay before answering normally. */
  delayMs: z.number().int().min(0).max(120_000).default(2_000),
  /** For `rate_limit`: the Retry-After value. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
  /** For XPM `rate_limit`: the X-Rate-Limit-Problem value. */
  problem: z.enum(['minute', 'day', 'concurrent']).default('minute'),
});
export type FaultInput = z.input<typeof faultInput>;
export type Fault = z.output<typeof faultInput> & { id: number; remaining: number };

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const parsed = faultInput.parse(input);
    const fault: Fault = { ...parsed, id: this.nextId++, remaining: parsed.count };
    this.faults.push(fault);
    return fault;
  }

  /** Consume one use of the first fault matching this request, if any. */
  take(app: SandboxApp, path: string): Fault | null {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.app === 'any' || f.app === app) && (!f.pathContains || path.includes(f.pathContains)));
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

/**
 * Cut a body so it no longer parses (an unclosed element or object), the way a proxy that drops
 * the connection mid-response leaves it.
 */
export function truncateBody(body: string): string {
  if (body.length < 2) return '<';
  return body.slice(0, Math.max(1, Math.floor(body.length * 0.6)));
}
