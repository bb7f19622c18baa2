import { describe, expect, it } from 'vitest';
import { demoPracticeClients } from '../fixtures/business-names';
import { buildSeed, GUSTO_COMPANY_COUNT, seedAt, XPM_CLIENT_COUNT, XPM_TENANT_ID } from './seed';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(the|pty|ltd|limited|inc|llc)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('sandbox seed', () => {
  const seed = seedAt(1_800_000_000_000);
  const main = seed.tenants.find((t) => t.id === XPM_TENANT_ID)!;
  const clients = [...main.clients.values()];

  it('is deterministic apart from the clock it is dated against', () => {
    const again = seedAt(1_800_000_000_000);
    expect([...again.tenants[0]!.clients.values()]).toEqual(clients);
    expect(again.companies).toEqual(seed.companies);
    const later = seedAt(1_900_000_000_000);
    expect([...later.tenants[0]!.clients.values()].map((c) => c.uuid)).toEqual(clients.map((c) => c.uuid));
  });

  it('has 2,500 XPM clients with unique names and archived, prospect and deleted ones', () => {
    expect(clients).toHaveLength(XPM_CLIENT_COUNT);
    expect(new Set(clients.map((c) => c.name)).size).toBe(XPM_CLIENT_COUNT);
    expect(clients.filter((c) => c.isArchived).length).toBeGreaterThan(50);
    expect(clients.filter((c) => c.isProspect).length).toBeGreaterThan(20);
    expect(clients.filter((c) => c.isDeleted).length).toBeGreaterThan(10);
    expect(clients.filter((c) => c.taxNumber).length).toBeGreaterThan(1500);
    expect(clients.filter((c) => c.contacts.length > 0).length).toBeGreaterThan(1000);
    for (const c of clients) expect(c.contacts.filter((x) => x.isPrimary).length).toBeLessThanOrEqual(1);
    expect(clients.every((c) => c.modifiedAt < 1_800_000_000_000 - 86_400_000)).toBe(true);
  });

  it('has 40 Gusto companies with locations and admins', () => {
    expect(seed.companies).toHaveLength(GUSTO_COMPANY_COUNT);
    for (const c of seed.companies) {
      expect(c.locations.length).toBeGreaterThan(0);
      expect(c.admins.length).toBeGreaterThan(0);
      expect(c.ein).toMatch(/^\d{2}-\d{7}$/);
    }
    expect(seed.companies.some((c) => c.is_suspended)).toBe(true);
  });

  it('overlaps the demo practice and each other, exactly and nearly', () => {
    const demo = demoPracticeClients();
    const demoNames = new Set(demo.map((c) => c.name));
    const demoNorm = new Set(demo.map((c) => norm(c.name)));
    const xpmNames = new Set(clients.map((c) => c.name));
    const gustoNames = seed.companies.map((c) => c.name);

    const xpmExact = [...xpmNames].filter((n) => demoNames.has(n));
    const xpmNear = [...xpmNames].filter((n) => !demoNames.has(n) && demoNorm.has(norm(n)));
    expect(xpmExact.length).toBeGreaterThanOrEqual(50);
    expect(xpmNear.length).toBeGreaterThanOrEqual(15);
    expect(gustoNames.filter((n) => demoNames.has(n)).length).toBeGreaterThanOrEqual(5);
    expect(gustoNames.filter((n) => !demoNames.has(n) && demoNorm.has(norm(n))).length).toBeGreaterThanOrEqual(2);
    expect(gustoNames.filter((n) => xpmNames.has(n)).length).toBeGreaterThanOrEqual(5);
    expect(seed.overlaps.xpmFromGusto.length).toBeGreaterThanOrEqual(10);
  });

  it('builds fast', () => {
    const t = performance.now();
    buildSeed(0);
    // Generous: CI machines are shared. Locally this is a few hundred milliseconds.
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
