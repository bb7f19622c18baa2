/**
 * Test support (imported only by *.test.ts): a compact notation for sets of connection
 * settings and generators for every combination, so the rule tests can be exhaustive.
 *
 *   "xpm=E/F gusto=N/F"  →  XPM Everything / From XPM, Gusto Nothing / From Gusto
 *   E = everything, C = client_name, N = nothing; F = from_app, T = to_app
 */
import { appsOf, supports, type CapabilitiesTable } from './capabilities';
import { isInboundSource } from './source';
import { SYNC_DATA_VALUES, type ConnectionSettings, type SyncData, type SyncDirection } from './types';

const DATA: Readonly<Record<string, SyncData>> = { E: 'everything', C: 'client_name', N: 'nothing' };
const DIRECTION: Readonly<Record<string, SyncDirection>> = { F: 'from_app', T: 'to_app' };

export function state<A extends string = 'xpm' | 'gusto'>(spec: string): ConnectionSettings<A>[] {
  if (spec.trim() === '') return [];
  return spec
    .trim()
    .split(/\s+/)
    .map((part) => {
      const match = /^([a-z]+)=([ECN])\/([FT])$/.exec(part);
      const syncData = DATA[match?.[2] ?? ''];
      const direction = DIRECTION[match?.[3] ?? ''];
      if (!match?.[1] || !syncData || !direction) throw new Error(`bad state part "${part}"`);
      return { app: match[1] as A, syncData, direction };
    });
}

export function describeState(connections: readonly ConnectionSettings<string>[]): string {
  const code = (s: ConnectionSettings<string>) =>
    `${s.app}=${s.syncData === 'everything' ? 'E' : s.syncData === 'client_name' ? 'C' : 'N'}/${s.direction === 'from_app' ? 'F' : 'T'}`;
  return connections.map(code).join(' ') || '(none)';
}

/** Every subset of the table's apps, in table order, smallest first. */
export function appSubsets<A extends string>(caps: CapabilitiesTable<A>): A[][] {
  const apps = appsOf(caps);
  const subsets: A[][] = [];
  for (let mask = 0; mask < 1 << apps.length; mask++) subsets.push(apps.filter((_, i) => mask & (1 << i)));
  return subsets.sort((a, b) => a.length - b.length);
}

/** Every combination of Sync data × supported direction for each of `apps`. */
export function allStates<A extends string>(caps: CapabilitiesTable<A>, apps: readonly A[]): ConnectionSettings<A>[][] {
  let states: ConnectionSettings<A>[][] = [[]];
  for (const app of apps) {
    const options = SYNC_DATA_VALUES.flatMap((syncData) =>
      (['from_app', 'to_app'] as const).filter((d) => supports(caps, app, d)).map((direction) => ({ app, syncData, direction })),
    );
    states = states.flatMap((s) => options.map((o) => [...s, o]));
  }
  return states;
}

export function sourceCount(connections: readonly ConnectionSettings<string>[]): number {
  return connections.filter(isInboundSource).length;
}

export function isValidState(connections: readonly ConnectionSettings<string>[]): boolean {
  return sourceCount(connections) <= 1;
}
