import { type AppId, isAppId } from '@/lib/apps/ids';
import { appShortLabel, appShortLabelWithArticle } from '@/lib/apps/registry';

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
  /** The records' names when the change was made (stored with it; none in older entries). */
  beforeName?: string | null;
  afterName?: string | null;
  /** The records' directory names now, when the directory has them. */
  beforeNameNow?: string | null;
  afterNameNow?: string | null;
  byName: string | null;
  /** What made the change: `workflow` is an accepted proposal's deployment (it links the client it matched in XPM). */
  trigger?: string;
  syncRunId: string | null;
  /** A run's link: what the run recorded for the record (`linked`: by the same name; `created`: the client is new from it). */
  runChange?: string | null;
}

/** Why a run linked a record, when the run says: never assumed (a client it created is not a name match). */
const RUN_LINK_REASON: Record<string, string> = { linked: ' (same name)', created: ' (a new client from the record)' };

/**
 * The record as it was named when the change was made, with its name now when it was renamed
 * since: “Old Name” (now “New Name”). An entry from before names were kept says the name is
 * today's (“record now named …”) rather than pass it off as the name then; else the bare id.
 */
function recordText(nameThen: string | null | undefined, nameNow: string | null | undefined, id: string | null): string {
  if (nameThen) return nameNow && nameNow !== nameThen ? `“${nameThen}” (now “${nameNow}”)` : `“${nameThen}”`;
  return nameNow ? `record now named “${nameNow}”` : `record ${id ?? 'unknown'}`;
}

/** One line of the link history, without its time: "Alex Admin relinked XPM from “A” to “B”." */
export function auditText({
  app,
  action,
  beforeExternalId,
  afterExternalId,
  beforeName,
  afterName,
  beforeNameNow,
  afterNameNow,
  byName,
  trigger,
  syncRunId,
  runChange,
}: AuditFacts): string {
  const label = appShortLabel(app);
  // "An XPM" (said "ex"), "A Gusto": the article is the registry's, so a new app's is right too.
  const who = byName ?? (syncRunId ? `${capitalised(appShortLabelWithArticle(app))} sync run` : trigger === 'workflow' ? 'An accepted proposal’s workflow' : 'Practice Sync');
  const reason = !byName && syncRunId && runChange ? (RUN_LINK_REASON[runChange] ?? '') : '';
  if (action === 'link') return `${who} linked ${label}’s ${recordText(afterName, afterNameNow, afterExternalId)}${reason}.`;
  if (action === 'unlink') return `${who} unlinked ${label}’s ${recordText(beforeName, beforeNameNow, beforeExternalId)}.`;
  return `${who} relinked ${label} from ${recordText(beforeName, beforeNameNow, beforeExternalId)} to ${recordText(afterName, afterNameNow, afterExternalId)}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What an undo that put a client's values back undid, after "Put back by an undo" in the
 * client's field origins: " of an XPM sync" (it read " of a XPM sync").
 */
export function undoneSyncText(app: AppId): string {
  return ` of ${appShortLabelWithArticle(app)} sync`;
}

/** How client data flows with an app: its saved Sync data and Sync direction. */
export interface AppFlow {
  syncData: 'everything' | 'client_name' | 'nothing';
  direction: 'from_app' | 'to_app';
}

/**
 * What a link to an app's record will do, by the app's settings: which way values go (a
 * trial read "XPM's next sync brings its values in" of an XPM set to To XPM, where it is this
 * client's values that go to XPM). With the two names, says which name replaces which when
 * they differ and the name is synced. No flow known: the neutral wording.
 */
export function linkEffectText(app: AppId, flow: AppFlow | null, names?: { client: string; record: string }): string {
  const label = appShortLabel(app);
  if (!flow) return `${label}’s next sync compares the record with this client.`;
  if (flow.syncData === 'nothing') return `${label}’s Sync data is Nothing: no client data flows either way; the link only says they are the same business.`;
  const renamed = names && names.client !== names.record;
  if (flow.direction === 'to_app') {
    const what = flow.syncData === 'everything' ? 'This client’s details go' : 'This client’s name goes';
    return `${what} to ${label} when it next syncs, replacing what differs there.${renamed ? ` ${label}’s “${names.record}” will be renamed “${names.client}”${endStop(names.client)}` : ''}`;
  }
  const what = flow.syncData === 'everything' ? `${label}’s next sync brings its values in` : `${label}’s next sync brings its name in`;
  return `${what}, replacing what differs here.${renamed ? ` This client will be renamed “${names.record}”${endStop(names.record)}` : ''}`;
}

/** The sentence's full stop, unless the quoted name ends with one ("Inc."). */
function endStop(quotedName: string): string {
  return quotedName.endsWith('.') ? '' : '.';
}

/** The notice for `?saved=linked-xpm` and the like; null when the value is not one of these. */
export function linkSavedNotice(saved: string, flows: Partial<Record<AppId, AppFlow>> = {}): string | null {
  const match = /^(linked|unlinked|relinked)-(.+)$/.exec(saved);
  const app = match?.[2];
  if (!match || !isAppId(app)) return null;
  const label = appShortLabel(app);
  if (match[1] === 'linked') return `Linked to ${label}. ${linkEffectText(app, flows[app] ?? null)}`;
  if (match[1] === 'relinked') return `Relinked to another ${label} record. ${linkEffectText(app, flows[app] ?? null)}`;
  return `Unlinked from ${label}. Nothing was deleted.`;
}
