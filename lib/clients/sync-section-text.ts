import { type AppId, isAppId } from '@/lib/apps/ids';
import { appShortLabel } from '@/lib/apps/registry';

/**
 * The words of a client's Sync section, as pure functions (tested one table each): a link's
 * state, an audit entry, and the notice after Link to… / Unlink / Relink.
 */

export type LinkStatus = 'active' | 'external_archived' | 'external_deleted';

/** "Linked", "Archived in XPM", "Deleted in Gusto": what the app says of the linked record. */
export function linkStateText(app: AppId, status: LinkStatus): { text: string; tone: 'success' | 'warning' } {
  if (status === 'external_archived') return { text: `Archived in ${appShortLabel(app)}`, tone: 'warning' };
  if (status === 'external_deleted') return { text: `Deleted in ${appShortLabel(app)}`, tone: 'warning' };
  return { text: 'Linked', tone: 'success' };
}

export interface AuditFacts {
  app: AppId;
  action: 'link' | 'unlink' | 'relink';
  beforeExternalId: string | null;
  afterExternalId: string | null;
  /** The records' directory names, when the directory has them. */
  beforeName?: string | null;
  afterName?: string | null;
  byName: string | null;
  /** What made the change: `workflow` is an accepted proposal's deployment (it links the client it matched in XPM). */
  trigger?: string;
  syncRunId: string | null;
}

/** “Garcia & Brown Architects” (its name in the app's directory), else the bare id. */
function recordText(name: string | null | undefined, id: string | null): string {
  return name ? `“${name}”` : `record ${id ?? 'unknown'}`;
}

/** One line of the link history, without its time: "Alex Admin relinked XPM from “A” to “B”." */
export function auditText({ app, action, beforeExternalId, afterExternalId, beforeName, afterName, byName, trigger, syncRunId }: AuditFacts): string {
  const label = appShortLabel(app);
  const who = byName ?? (syncRunId ? `A ${label} sync run` : trigger === 'workflow' ? 'An accepted proposal’s workflow' : 'Practice Sync');
  if (action === 'link') return `${who} linked ${label}’s ${recordText(afterName, afterExternalId)}${!byName && syncRunId ? ' (same name)' : ''}.`;
  if (action === 'unlink') return `${who} unlinked ${label}’s ${recordText(beforeName, beforeExternalId)}.`;
  return `${who} relinked ${label} from ${recordText(beforeName, beforeExternalId)} to ${recordText(afterName, afterExternalId)}.`;
}

/** The notice for `?saved=linked-xpm` and the like; null when the value is not one of these. */
export function linkSavedNotice(saved: string): string | null {
  const match = /^(linked|unlinked|relinked)-(.+)$/.exec(saved);
  const app = match?.[2];
  if (!match || !isAppId(app)) return null;
  const label = appShortLabel(app);
  if (match[1] === 'linked') return `Linked to ${label}. ${label}’s next sync brings its values in.`;
  if (match[1] === 'relinked') return `Relinked to another ${label} record. ${label}’s next sync compares it with this client.`;
  return `Unlinked from ${label}. Nothing was deleted.`;
}
