import type { CanonicalClient } from '../sync/canonical-client';

/**
 * Mapping one upstream record either works or explains, for that record alone, why not:
 * one malformed client must not fail a whole sync page (DESIGN §6).
 */
export type MapResult = { ok: true; record: CanonicalClient } | { ok: false; externalId?: string; error: string };
