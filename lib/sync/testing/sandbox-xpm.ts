import { control } from '@/lib/providers/testing/sandbox-controls';

/** An XPM client as the sandbox lists it (its own state, not through the app). */
export interface XpmSummary {
  id: string;
  name: string;
  isArchived: boolean;
  isDeleted: boolean;
}

/** The sandbox's live XPM clients: neither archived nor deleted. */
export async function liveXpmClients(sandboxUrl: string): Promise<XpmSummary[]> {
  const { clients } = await control<{ clients: XpmSummary[] }>(sandboxUrl, 'xpm/clients?limit=1000');
  return clients.filter((c) => !c.isArchived && !c.isDeleted);
}

/**
 * Hands out the sandbox's live XPM records `n` at a time, never the same one twice, so the
 * tests of a file (on each database) sharing one sandbox never change each other's records.
 * The sandbox starts in `beforeAll`, hence its address is asked for on each call.
 */
export function xpmRecordSlices(sandboxUrl: () => string): (n: number) => Promise<XpmSummary[]> {
  let next = 0;
  return async (n) => {
    const slice = (await liveXpmClients(sandboxUrl())).slice(next, next + n);
    next += n;
    return slice;
  };
}
