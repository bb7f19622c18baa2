import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapClientItems, splitClients } from './client-list';
import { readXpmResponse } from './errors';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const ok = (text: string) => ({ status: 200, headers: new Headers(), text, attempts: 1 });

describe('splitting client lists', () => {
  test('cuts out each <Client> and leaves the envelope readable', async () => {
    const split = splitClients(fixture('list-clients.xml'))!;
    expect(split.clients).toHaveLength(6);
    expect(split.envelope).not.toContain('<Client>');
    expect(split.envelope).toContain('<Clients>');
    const results = await mapClientItems(split.clients);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false, false]);
  });

  test('does not cut <BillingClient>, <Clients/> or escaped text', () => {
    const xml =
      '<Response><Status>OK</Status><Clients><Client><UUID>a</UUID><Name>&lt;Client&gt; Co</Name><BillingClient><UUID>b</UUID></BillingClient></Client></Clients></Response>';
    const split = splitClients(xml)!;
    expect(split.clients).toEqual(['<Client><UUID>a</UUID><Name>&lt;Client&gt; Co</Name><BillingClient><UUID>b</UUID></BillingClient></Client>']);
  });

  test('a broken <Client> fails only itself', async () => {
    const xml =
      '<Response><Status>OK</Status><Clients><Client><UUID>good</UUID><Name>Fine</Name></Client><Client><UUID>bad-1</UUID><Name>Broken <b></Name></Client></Clients></Response>';
    const answer = readXpmResponse(ok(xml), 0);
    const results = await mapClientItems(answer.clients);
    expect(results).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, externalId: 'bad-1', error: 'An XPM client record (bad-1) was not readable XML. It was skipped.' },
    ]);
  });

  test('a truncated answer is malformed as a whole, not a shorter list', () => {
    const full = fixture('list-clients.xml');
    for (const cut of [full.length - 5, Math.floor(full.length / 2), 200]) {
      expect(() => readXpmResponse(ok(full.slice(0, cut)), 0)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
  });

  test('a single client answer (get) and comments fall back gracefully', async () => {
    const single = readXpmResponse(ok(fixture('get-client.xml')), 0);
    expect(single.clients).toHaveLength(1);
    const commented = readXpmResponse(ok('<Response><!-- note --><Status>OK</Status><Clients><Client><UUID>u</UUID><Name>N</Name></Client></Clients></Response>'), 0);
    expect(await mapClientItems(commented.clients)).toEqual([expect.objectContaining({ ok: true, record: expect.objectContaining({ name: 'N' }) })]);
  });

  // Throughput is a benchmark number (DESIGN §6), not a timed test; this checks the slicing.
  test('2,500 clients map in slices, letting timers run in between', async () => {
    const one = fixture('get-client.xml').match(/<Client>[\s\S]*<\/Client>/)![0];
    const xml = `<Response><Status>OK</Status><Clients>${one.repeat(2500)}</Clients></Response>`;
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 1);
    const answer = readXpmResponse(ok(xml), 0);
    const results = await mapClientItems(answer.clients);
    clearInterval(ticker);
    expect(results).toHaveLength(2500);
    expect(results.every((r) => r.ok)).toBe(true);
    // Timers ran during the work: it was sliced, not one long block. (Gap lengths are not
    // asserted: under a parallel test run the OS scheduler dominates them.)
    expect(ticks).toBeGreaterThan(3);
  });
});
