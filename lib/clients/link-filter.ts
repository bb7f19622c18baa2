import { APP_IDS, type AppId } from '@/lib/apps/ids';
import { appShortLabel } from '@/lib/apps/registry';

/**
 * The client list's filter by link (issue 15 item 6, issue 12): any client, those linked to no
 * app, those linked to one app, or those whose link to an app points at a record the app
 * archived or deleted (a link needing attention: the Dashboard's figures link here). One
 * value each, so the filter travels in the address as `?link=xpm-archived`.
 */
export const UPSTREAM_LINK_STATES = ['archived', 'deleted'] as const;
export type UpstreamLinkState = (typeof UPSTREAM_LINK_STATES)[number];

export type ClientLinkFilter = 'any' | 'none' | AppId | `${AppId}-${UpstreamLinkState}`;

export const CLIENT_LINK_FILTERS = [
  'any',
  'none',
  ...APP_IDS,
  ...APP_IDS.flatMap((app) => UPSTREAM_LINK_STATES.map((state) => `${app}-${state}` as const)),
] as const satisfies readonly ClientLinkFilter[];

/** The link_status value each upstream state is stored as (db/schema/integrations.ts). */
export const LINK_STATUS_OF: Readonly<Record<UpstreamLinkState, 'external_archived' | 'external_deleted'>> = {
  archived: 'external_archived',
  deleted: 'external_deleted',
};

/** The inverse of LINK_STATUS_OF: a stored link_status's upstream state, null for an active link. */
export const UPSTREAM_STATE_OF: Readonly<Record<'active' | (typeof LINK_STATUS_OF)[UpstreamLinkState], UpstreamLinkState | null>> = {
  active: null,
  external_archived: 'archived',
  external_deleted: 'deleted',
};

export type ParsedLinkFilter = { kind: 'any' } | { kind: 'none' } | { kind: 'app'; app: AppId; state: UpstreamLinkState | null };

export function parseLinkFilter(filter: ClientLinkFilter): ParsedLinkFilter {
  if (filter === 'any' || filter === 'none') return { kind: filter };
  const [app, state] = filter.split('-') as [AppId, UpstreamLinkState | undefined];
  return { kind: 'app', app, state: state ?? null };
}

/** The filter's link from elsewhere (the Dashboard): the active client list with that filter. */
export function clientListHref(filter: ClientLinkFilter): string {
  return filter === 'any' ? '/clients' : `/clients?link=${filter}`;
}

/** The option's words in the filter: "XPM", "No app", "Archived in XPM". */
export function linkFilterLabel(filter: ClientLinkFilter): string {
  const parsed = parseLinkFilter(filter);
  if (parsed.kind === 'any') return 'Any app or none';
  if (parsed.kind === 'none') return 'No app';
  const name = appShortLabel(parsed.app);
  return parsed.state ? `${parsed.state === 'archived' ? 'Archived' : 'Deleted'} in ${name}` : name;
}

/** After "12 active clients": " linked to XPM", " linked to a record archived in XPM". */
export function linkFilterPhrase(filter: ClientLinkFilter): string {
  const parsed = parseLinkFilter(filter);
  if (parsed.kind === 'any') return '';
  if (parsed.kind === 'none') return ' linked to no app';
  const name = appShortLabel(parsed.app);
  return parsed.state ? ` linked to a record ${parsed.state} in ${name}` : ` linked to ${name}`;
}
