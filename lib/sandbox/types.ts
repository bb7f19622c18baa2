/** Shared types of the sandbox server. Nothing here imports Next or the app. */

export type SandboxApp = 'xpm' | 'gusto';

/** Rate limits; XPM ones are per practice tenant, Gusto's per grant. */
export interface Limits {
  xpmConcurrent: number;
  xpmPerMinute: number;
  xpmPerDay: number;
  gustoPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  xpmConcurrent: 5,
  xpmPerMinute: 60,
  xpmPerDay: 5000,
  gustoPerMinute: 200,
};

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Enables /__sandbox/ test controls; without it they answer 404. */
  testMode?: boolean;
  limits?: Partial<Limits>;
  /** Clock in epoch milliseconds; tests pass a fake to move time. */
  now?: () => number;
  xpmCredentials?: ClientCredentials;
  gustoCredentials?: ClientCredentials;
}

export const DEFAULT_XPM_CREDENTIALS: ClientCredentials = { clientId: 'sandbox-xpm-client', clientSecret: 'sandbox-xpm-secret' };
export const DEFAULT_GUSTO_CREDENTIALS: ClientCredentials = { clientId: 'sandbox-gusto-client', clientSecret: 'sandbox-gusto-secret' };

export const GUSTO_API_VERSION = '2025-06-15';

/** A response as a value, so the router can count, delay, or corrupt it before writing. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
