import { appShortLabel, type AppId } from '@/lib/apps/registry';
import type { Outcome } from './outcome-status';

/**
 * What Disconnect says once it has answered, in the card's disconnect status: the button that
 * was pressed goes with the connection, so this is where the admin hears what happened.
 * `wasSource`: the app was the client source, and now no app sends client data.
 */
export function disconnectOutcome(app: AppId, result: { ok: true; wasSource: boolean } | { ok: false; formError?: string }): Outcome {
  const name = appShortLabel(app);
  if (!result.ok) return { tone: 'error', text: `${name} was not disconnected. ${result.formError ?? 'Try again.'}` };
  const source = result.wasSource ? ` ${name} was your client source: no app sends client data here until you choose one.` : '';
  return { tone: 'success', text: `Disconnected ${name}. Clients and their links to ${name} are kept.${source}` };
}
