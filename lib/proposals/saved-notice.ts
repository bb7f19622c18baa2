import { APP_IDS, appShortLabel, type AppId } from '@/lib/apps/registry';

/**
 * What the editor says after a save that created or linked a client, and how creating a
 * proposal carries that message to the proposal's own page: the create action redirects
 * there with `?saved=…` (one round trip, and the message is part of the address, so it
 * survives whatever the router does), and the page turns it back into words.
 * Pure: the action, the page and the editor all use it.
 */
export type ClientAdoption = { outcome: 'created' | 'linked_existing'; app: AppId };

const OUTCOMES = ['created', 'linked_existing'] as const;

function clientNoteText({ outcome, app }: ClientAdoption, clientName: string): string {
  const label = appShortLabel(app);
  return outcome === 'created'
    ? `Created the client “${clientName}” from ${label} and linked it.`
    : `Linked ${label}'s record to your existing client “${clientName}” — no new client was created.`;
}

export function savedText(adoption: ClientAdoption | null, clientName: string | null): string {
  return adoption && clientName ? `Proposal saved. ${clientNoteText(adoption, clientName)}` : 'Proposal saved.';
}

/** The query string for the proposal's page after creating it. */
export function savedNoticeSearch(adoption: ClientAdoption | null): string {
  return adoption ? `?saved=${adoption.outcome}.${adoption.app}` : '?saved=1';
}

/** The message for a `saved` query value, or null when there is none (or it is not ours). */
export function savedNoticeText(saved: string | string[] | undefined, clientName: string | null): string | null {
  if (saved === '1') return savedText(null, null);
  if (typeof saved !== 'string') return null;
  const parts = saved.split('.');
  if (parts.length !== 2) return null;
  const [outcome, app] = parts;
  const knownOutcome = OUTCOMES.find((o) => o === outcome);
  const knownApp = APP_IDS.find((a) => a === app);
  if (!knownOutcome || !knownApp) return null;
  return savedText({ outcome: knownOutcome, app: knownApp }, clientName);
}
