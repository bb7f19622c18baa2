import { historyGuardBootstrap } from './history-guard';

/** Rendered first in <head>: see history-guard.ts for why it must run before the router. */
export function HistoryGuardScript() {
  return <script dangerouslySetInnerHTML={{ __html: historyGuardBootstrap }} />;
}
