import type { AppId, ConnectionSettings } from './types';

/**
 * The one-source rule's definition (DESIGN §3): a connection is an inbound source when
 * data flows FROM its app and it sends something. At most one may exist per practice.
 * The database's partial unique index uses exactly this predicate:
 *   UNIQUE (practice_id) WHERE direction = 'from_app' AND sync_data <> 'nothing'
 */
export function isInboundSource(settings: Pick<ConnectionSettings<string>, 'syncData' | 'direction'>): boolean {
  return settings.direction === 'from_app' && settings.syncData !== 'nothing';
}

export function inboundSources<A extends string = AppId>(connections: readonly ConnectionSettings<A>[]): A[] {
  return connections.filter(isInboundSource).map((c) => c.app);
}

/** The client source, or null. If stored data somehow holds two, the first is returned. */
export function findSource<A extends string = AppId>(connections: readonly ConnectionSettings<A>[]): A | null {
  return connections.find(isInboundSource)?.app ?? null;
}

export function findConnection<A extends string>(connections: readonly ConnectionSettings<A>[], app: string): ConnectionSettings<A> | undefined {
  return connections.find((c) => c.app === app);
}
