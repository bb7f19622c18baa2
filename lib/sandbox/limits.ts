/**
 * Rate limits as the real services apply them. XPM counts per practice tenant: calls in flight,
 * calls in the last rolling minute, and calls in the current UTC day. Gusto counts per grant in
 * a rolling minute. Refused calls do not count against the budget, as with the real APIs.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Timestamps in a rolling window; `retryAfterMs` says when the oldest one leaves it. */
class RollingWindow {
  private stamps: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  private prune(now: number): void {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - this.windowMs) this.head += 1;
    if (this.head > 1024) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }

  count(now: number): number {
    this.prune(now);
    return this.stamps.length - this.head;
  }

  add(now: number): void {
    this.stamps.push(now);
  }

  retryAfterMs(now: number): number {
    this.prune(now);
    const oldest = this.stamps[this.head];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - now);
  }
}

export type XpmLimitProblem = 'minute' | 'day' | 'concurrent';

export interface XpmLimitConfig {
  concurrent: number;
  perMinute: number;
  perDay: number;
}

export type XpmAdmission =
  | { ok: true; release: () => void; minuteRemaining: number; dayRemaining: number }
  | { ok: false; problem: XpmLimitProblem; retryAfterSeconds: number; minuteRemaining: number; dayRemaining: number };

interface TenantUsage {
  inFlight: number;
  minute: RollingWindow;
  day: string;
  dayCount: number;
}

export class XpmLimiter {
  private usage = new Map<string, TenantUsage>();

  constructor(private readonly config: () => XpmLimitConfig) {}

  private usageOf(tenantId: string, now: number): TenantUsage {
    let u = this.usage.get(tenantId);
    if (!u) {
      u = { inFlight: 0, minute: new RollingWindow(MINUTE), day: '', dayCount: 0 };
      this.usage.set(tenantId, u);
    }
    const today = new Date(now).toISOString().slice(0, 10);
    if (u.day !== today) {
      u.day = today;
      u.dayCount = 0;
    }
    return u;
  }

  /** Take a slot for one call, or say which limit refuses it and for how long. */
  admit(tenantId: string, now: number): XpmAdmission {
    const cfg = this.config();
    const u = this.usageOf(tenantId, now);
    const minuteUsed = u.minute.count(now);
    const minuteRemaining = Math.max(0, cfg.perMinute - minuteUsed);
    const dayRemaining = Math.max(0, cfg.perDay - u.dayCount);
    if (dayRemaining <= 0) {
      const midnight = Math.floor(now / DAY) * DAY + DAY;
      return { ok: false, problem: 'day', retryAfterSeconds: Math.max(1, Math.ceil((midnight - now) / 1000)), minuteRemaining, dayRemaining: 0 };
    }
    if (minuteRemaining <= 0) {
      return { ok: false, problem: 'minute', retryAfterSeconds: Math.max(1, Math.ceil(u.minute.retryAfterMs(now) / 1000)), minuteRemaining: 0, dayRemaining };
    }
    if (u.inFlight >= cfg.concurrent) {
      return { ok: false, problem: 'concurrent', retryAfterSeconds: 1, minuteRemaining, dayRemaining };
    }
    u.inFlight += 1;
    u.minute.add(now);
    u.dayCount += 1;
    let released = false;
    return {
      ok: true,
      minuteRemaining: minuteRemaining - 1,
      dayRemaining: dayRemaining - 1,
      release: () => {
        if (released) return;
        released = true;
        u.inFlight -= 1;
      },
    };
  }

  /** Remaining budget without taking a slot, for headers on responses refused earlier. */
  peek(tenantId: string, now: number): { minuteRemaining: number; dayRemaining: number } {
    const cfg = this.config();
    const u = this.usageOf(tenantId, now);
    return { minuteRemaining: Math.max(0, cfg.perMinute - u.minute.count(now)), dayRemaining: Math.max(0, cfg.perDay - u.dayCount) };
  }

  reset(): void {
    // Keep in-flight counters of calls still running; clear the budgets.
    for (const u of this.usage.values()) {
      u.minute = new RollingWindow(MINUTE);
      u.dayCount = 0;
    }
  }
}

export class GustoLimiter {
  private windows = new Map<string, RollingWindow>();

  constructor(private readonly perMinute: () => number) {}

  admit(grantId: string, now: number): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    let w = this.windows.get(grantId);
    if (!w) {
      w = new RollingWindow(MINUTE);
      this.windows.set(grantId, w);
    }
    const used = w.count(now);
    const limit = this.perMinute();
    if (used >= limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(w.retryAfterMs(now) / 1000)) };
    w.add(now);
    return { ok: true, remaining: limit - used - 1 };
  }

  reset(): void {
    this.windows.clear();
  }
}
