import type { XpmNewClient } from '@/lib/providers/xpm/client-xml';
import { isMaskedTaxNumber } from '@/lib/providers/xpm/map-client';
import type { CanonicalAddress } from '../canonical-client';
import { xpmContactFrom } from '../engine/push-plan';
import type { LocalClient } from '../plan/field-changes';
import type { SyncData } from '../rules/types';

/**
 * The XPM client a deployment creates for a client that exists only here (issue 11). What it
 * carries follows XPM's Sync data, as a push would: Everything → every field XPM has a place
 * for and the contacts; Client name or Nothing → the name alone (XPM needs a name to create).
 * A masked tax number ("•••635", kept from an XPM record) is never sent: it is not a value.
 * New XPM clients are clients, not prospects: the practice has just won the work.
 */
export function xpmNewClientFrom(local: LocalClient, syncData: SyncData): XpmNewClient {
  const c = local.client;
  if (syncData !== 'everything') return { name: c.name, isProspect: false };
  const tax = c.taxNumber && !isMaskedTaxNumber(c.taxNumber) ? c.taxNumber : null;
  return {
    name: c.name,
    email: c.email,
    phone: c.phone,
    website: c.website,
    streetAddress: address(c.streetLine1, c.streetLine2, c.streetCity, c.streetRegion, c.streetPostcode, c.streetCountry),
    postalAddress: address(c.postalLine1, c.postalLine2, c.postalCity, c.postalRegion, c.postalPostcode, c.postalCountry),
    taxNumber: tax,
    businessNumber: c.businessNumber,
    businessStructure: c.businessStructure,
    isProspect: false,
    contacts: local.contacts.map(xpmContactFrom),
  };
}

function address(line1: string | null, line2: string | null, city: string | null, region: string | null, postcode: string | null, country: string | null): CanonicalAddress | null {
  const lines = [line1, line2].filter((l): l is string => l !== null && l.trim() !== '');
  if (lines.length === 0 && !city && !region && !postcode && !country) return null;
  return { lines, city, region, postcode, country };
}

/** Marks the job as this proposal's, so a retry after a lost answer finds it instead of adding a second. */
export function proposalJobMarker(proposalId: string): string {
  return `[Practice Sync proposal ${proposalId}]`;
}

/** The job XPM gets for an accepted proposal: named after it, starting the day it was accepted, due a month on. */
export function xpmJobFor(proposal: { id: string; title: string; acceptedAt: Date; clientName: string }, clientUuid: string) {
  const due = new Date(proposal.acceptedAt.getTime() + 30 * 86_400_000);
  return {
    name: proposal.title.slice(0, 100),
    description: `Engagement accepted in Practice Sync for ${proposal.clientName}. ${proposalJobMarker(proposal.id)}`,
    clientUuid,
    startDate: proposal.acceptedAt,
    dueDate: due,
  };
}
