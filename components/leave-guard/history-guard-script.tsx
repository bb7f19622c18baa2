import { historyGuardBootstrap } from './history-guard';

/**
 * Rendered first in <head>: see history-guard.ts for why it must run before the router.
 * Inline, so it runs only with the request's CSP nonce (the root layout passes it).
 */
export function HistoryGuardScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: historyGuardBootstrap }} />;
}
