import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XPM_CLIENT_COUNT, XPM_SECOND_TENANT_ID, XPM_TENANT_ID } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { control, mintXpmToken, xpmHeaders } from './testing';

type Node = Record<string, unknown>;
// Lists are always arrays, as a careful client parses them (a single <Client> is still a list).
const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: false,
  isArray: (_name, jpath) => typeof jpath === 'string' && (jpath.endsWith('Clients.Client') || jpath.endsWith('Contacts.Contact')),
});

let sb: RunningSandbox;
let token: string;
const api = (path: string) => `${sb.url}/xero/api/practicemanager/3.1/${path}`;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  sb.state.reset();
  token = (await mintXpmToken(sb.url)).access_token;
});

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; doc: Node; text: string }> {
  const res = await fetch(api(path), { ...init, headers: { ...xpmHeaders(token, XPM_TENANT_ID), 'content-type': 'application/xml', ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  const doc = res.headers.get('content-type')?.includes('xml') ? ((parser.parse(text) as Node).Response as Node) : (JSON.parse(text) as Node);
  return { status: res.status, headers: res.headers, doc, text };
}

const clientsOf = (doc: Node): Node[] => ((doc.Clients as Node | '' | undefined) || { Client: [] }).Client as Node[];

describe('client.api/list', () => {
  it('lists every non-deleted client (archived and prospects included) in the XML envelope', async () => {
    const { status, doc, headers, text } = await call('client.api/list');
    expect(status).toBe(200);
    expect(text).toMatch(/^<\?xml[^>]*>\s*<Response api-method="List"><Status>OK<\/Status>/);
    expect(doc.Status).toBe('OK');
    const clients = clientsOf(doc);
    const deleted = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].filter((c) => c.isDeleted).length;
    expect(deleted).toBeGreaterThan(0);
    expect(clients).toHaveLength(XPM_CLIENT_COUNT - deleted);
    expect(clients.some((c) => c.IsArchived === 'Yes')).toBe(true);
    expect(clients.some((c) => c.IsProspect === 'Yes')).toBe(true);
    expect(clients.every((c) => c.IsDeleted === 'No')).toBe(true);
    expect(headers.get('x-minlimit-remaining')).toBe('59');
    expect(headers.get('x-daylimit-remaining')).toBe('4999');
  });

  it('masks tax numbers and uses empty elements for missing values', async () => {
    const { doc, text } = await call('client.api/list');
    const withTax = clientsOf(doc).filter((c) => c.TaxNumber !== '');
    expect(withTax.length).toBeGreaterThan(100);
    for (const c of withTax) expect(String(c.TaxNumber)).toMatch(/^\*+\d{4}$/);
    expect(text).toContain('<Fax />');
  });

  it('modifiedsince returns only records changed since, including deleted ones', async () => {
    const since = new Date(sb.state.now() - 1000).toISOString().slice(0, 19);
    expect(clientsOf((await call(`client.api/list?modifiedsince=${since}`)).doc)).toHaveLength(0);

    const changed = (await (await control(sb.url, 'records/change', { app: 'xpm' })).json()) as { id: string; name: string };
    const deleted = (await (
      await control(sb.url, 'records/change', { app: 'xpm', id: [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()][5]!.uuid, fields: { isDeleted: true } })
    ).json()) as { id: string };

    const { doc } = await call(`client.api/list?detailed=true&modifiedSince=${since}`);
    const found = clientsOf(doc);
    expect(found.map((c) => c.UUID).sort()).toEqual([changed.id, deleted.id].sort());
    expect(found.find((c) => c.UUID === changed.id)?.Name).toBe(changed.name);
    expect(found.find((c) => c.UUID === deleted.id)?.IsDeleted).toBe('Yes');
    expect(found[0]).toHaveProperty('Notes');
  });

  it('rejects a malformed modifiedsince with HTTP 200 and Status ERROR', async () => {
    const { status, doc } = await call('client.api/list?modifiedsince=yesterday');
    expect(status).toBe(200);
    expect(doc.Status).toBe('ERROR');
    expect(String(doc.ErrorDescription)).toContain('yyyy-MM-ddTHH:mm:ss');
  });
});

describe('client.api/paged-list', () => {
  it('pages through live clients only, with a next link carrying the page token', async () => {
    const tenant = sb.state.tenants.get(XPM_TENANT_ID)!;
    const live = [...tenant.clients.values()].filter((c) => !c.isArchived && !c.isDeleted).length;
    const seen = new Set<string>();
    let path = 'client.api/paged-list?pageSize=500';
    let pages = 0;
    for (;;) {
      const { status, doc } = await call(path);
      expect(status).toBe(200);
      pages += 1;
      for (const c of clientsOf(doc)) {
        expect(c.IsArchived).toBe('No');
        expect(c).not.toHaveProperty('Contacts');
        seen.add(String(c.UUID));
      }
      const next = ((doc.Pagination as Node).Links as Node).Next;
      if (!next) break;
      const nextUrl = new URL(String(next));
      expect(nextUrl.searchParams.get('pageToken')).toBeTruthy();
      path = `client.api/paged-list${nextUrl.search}`;
    }
    expect(seen.size).toBe(live);
    expect(pages).toBe(Math.ceil(live / 500));
  });

  it('refuses pageSize outside 1..500 and a forged token', async () => {
    expect((await call('client.api/paged-list?pageSize=501')).status).toBe(400);
    expect((await call('client.api/paged-list?pageSize=0')).status).toBe(400);
    const bad = await call('client.api/paged-list?pageToken=garbage');
    expect(bad.status).toBe(400);
    expect(bad.doc.Status).toBe('ERROR');
  });
});

describe('client.api/search and get', () => {
  it('searches by name', async () => {
    const { doc } = await call('client.api/search?query=harbour');
    const names = clientsOf(doc).map((c) => String(c.Name));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.toLowerCase().includes('harbour'))).toBe(true);
  });

  it('gets one client with contacts; an unknown UUID is Status ERROR', async () => {
    const withContacts = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => c.contacts.length === 2 && !c.isDeleted)!;
    const { doc } = await call(`client.api/get/${withContacts.uuid}`);
    expect(doc.Status).toBe('OK');
    const client = doc.Client as Node;
    expect(client.UUID).toBe(withContacts.uuid);
    expect(((client.Contacts as Node).Contact as Node[]).length).toBe(2);

    const missing = await call('client.api/get/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(200);
    expect(missing.doc.Status).toBe('ERROR');
  });
});

describe('client.api writes', () => {
  it('add without Name is HTTP 200 with Status ERROR and creates nothing', async () => {
    const before = sb.state.tenants.get(XPM_TENANT_ID)!.clients.size;
    const { status, doc } = await call('client.api/add', { method: 'POST', body: '<Client><Email>a@b.com</Email></Client>' });
    expect(status).toBe(200);
    expect(doc.Status).toBe('ERROR');
    expect(doc.ErrorDescription).toBe('Name is required');
    expect(sb.state.tenants.get(XPM_TENANT_ID)!.clients.size).toBe(before);
  });

  it('add with contacts, then update (whole record), archive and delete', async () => {
    const body = `<Client><Name>Sandbox Test &amp; Co Pty Ltd</Name><Email>hi@test.example</Email><WebSite>https://test.example</WebSite><Address>1 Test St\nLevel 2</Address><City>Sydney</City><PostCode>2000</PostCode><TaxNumber>123456789</TaxNumber>
      <Contacts><Contact><Name>Ann Lee</Name><Email>ann@test.example</Email><IsPrimary>Yes</IsPrimary></Contact><Contact><Name>Bo Chen</Name><IsPrimary>Yes</IsPrimary></Contact></Contacts></Client>`;
    const added = await call('client.api/add', { method: 'POST', body });
    expect(added.doc.Status).toBe('OK');
    const client = added.doc.Client as Node;
    expect(client.Name).toBe('Sandbox Test & Co Pty Ltd');
    expect(client.Website).toBe('https://test.example');
    expect(client.PostCode).toBe('2000');
    expect(client.TaxNumber).toBe('*****6789');
    const contacts = (client.Contacts as Node).Contact as Node[];
    expect(contacts.filter((c) => c.IsPrimary === 'Yes')).toHaveLength(1);
    const uuid = String(client.UUID);

    // The response spelling "Website" is not a request element: XPM refuses the body.
    const refused = await call('client.api/update', {
      method: 'PUT',
      body: `<Client><UUID>${uuid}</UUID><Name>Sandbox Test Pty Ltd</Name><Website>https://refused.example</Website></Client>`,
    });
    expect(refused.doc.Status).toBe('ERROR');
    expect(refused.doc.ErrorDescription).toBe('<Website> is not a valid element of <Client>');
    // Absent fields are cleared; masked TaxNumber keeps the number.
    const updated = await call('client.api/update', {
      method: 'PUT',
      body: `<Client><UUID>${uuid}</UUID><Name>Sandbox Test Pty Ltd</Name><TaxNumber>*****6789</TaxNumber><City>Melbourne</City></Client>`,
    });
    expect(updated.doc.Status).toBe('OK');
    const u = updated.doc.Client as Node;
    expect(u.Name).toBe('Sandbox Test Pty Ltd');
    expect(u.Website).toBe('');
    expect(u.Email).toBe('');
    expect(u.City).toBe('Melbourne');
    expect(u.TaxNumber).toBe('*****6789');
    expect(((u.Contacts as Node).Contact as Node[]).length).toBe(2);

    const noName = await call('client.api/update', { method: 'PUT', body: `<Client><UUID>${uuid}</UUID></Client>` });
    expect(noName.status).toBe(200);
    expect(noName.doc.Status).toBe('ERROR');
    expect(((await call(`client.api/get/${uuid}`)).doc.Client as Node).Name).toBe('Sandbox Test Pty Ltd');

    const archived = await call('client.api/archive', { method: 'PUT', body: `<Client><UUID>${uuid}</UUID></Client>` });
    expect((archived.doc.Client as Node).IsArchived).toBe('Yes');

    const del = await call('client.api/delete', { method: 'POST', body: `<Client><UUID>${uuid}</UUID></Client>` });
    expect(del.doc.Status).toBe('OK');
    expect(((await call(`client.api/get/${uuid}`)).doc.Client as Node).IsDeleted).toBe('Yes');
    expect(clientsOf((await call('client.api/search?query=Sandbox Test')).doc)).toHaveLength(0);
  });

  it('unparseable XML is HTTP 400 with Status ERROR', async () => {
    const res = await call('client.api/add', { method: 'POST', body: '<Client><Name>x</Client>' });
    expect(res.status).toBe(400);
    expect(res.doc.Status).toBe('ERROR');
  });

  it('contacts: add, get, update (single primary), delete, and paged list', async () => {
    const target = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => c.contacts.some((x) => x.isPrimary) && !c.isDeleted)!;
    const added = await call('client.api/contact', {
      method: 'POST',
      body: `<Contact><Client><UUID>${target.uuid}</UUID></Client><Name>New Person</Name><Mobile>0400 000 000</Mobile><IsPrimary>Yes</IsPrimary></Contact>`,
    });
    expect(added.doc.Status).toBe('OK');
    const cuuid = String((added.doc.Contact as Node).UUID);
    const client = (await call(`client.api/get/${target.uuid}`)).doc.Client as Node;
    const primaries = ((client.Contacts as Node).Contact as Node[]).filter((c) => c.IsPrimary === 'Yes');
    expect(primaries.map((c) => c.UUID)).toEqual([cuuid]);

    const noName = await call(`client.api/contact/${cuuid}`, { method: 'PUT', body: '<Contact><Email>x@y.z</Email></Contact>' });
    expect(noName.doc.Status).toBe('ERROR');
    const upd = await call(`client.api/contact/${cuuid}`, { method: 'PUT', body: '<Contact><Name>Renamed Person</Name><Position>Director</Position></Contact>' });
    expect(upd.doc.Contact as Node).toMatchObject({ Name: 'Renamed Person', Position: 'Director', IsPrimary: 'Yes' });
    expect(((await call(`client.api/contact/${cuuid}`)).doc.Contact as Node).Name).toBe('Renamed Person');

    const del = await call(`client.api/contact/${cuuid}`, { method: 'DELETE' });
    expect((del.doc.Contact as Node).IsDeleted).toBe('Yes');
    expect((await call(`client.api/contact/${cuuid}`)).doc.Status).toBe('ERROR');

    const page = await call('client.api/contacts?pageSize=10');
    expect((((page.doc.Contacts as Node).Contact as Node[]) ?? []).length).toBe(10);
    const next = new URL(String(((page.doc.Pagination as Node).Links as Node).Next));
    const page2 = await call(`client.api/contacts${next.search}`);
    const firstIds = ((page.doc.Contacts as Node).Contact as Node[]).map((c) => c.UUID);
    const secondIds = ((page2.doc.Contacts as Node).Contact as Node[]).map((c) => c.UUID);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
  });
});

describe('XPM auth errors', () => {
  it('an expired access token is 401 JSON with TokenExpired', async () => {
    sb.state.advanceClock(30 * 60_000 + 1000);
    const res = await fetch(api('client.api/list'), { headers: xpmHeaders(token, XPM_TENANT_ID) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ Type: null, Title: 'Unauthorized', Status: 401 });
    expect(String(body.Detail)).toMatch(/^TokenExpired: token expired at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('a tenant the token was not granted is 403; no token is 401; JSON-only Accept is 406', async () => {
    expect((await fetch(api('client.api/list'), { headers: xpmHeaders(token, XPM_SECOND_TENANT_ID) })).status).toBe(403);
    expect((await fetch(api('client.api/list'), { headers: { ...xpmHeaders(token, XPM_TENANT_ID), 'xero-tenant-id': '' } })).status).toBe(403);
    expect((await fetch(api('client.api/list'), { headers: { 'xero-tenant-id': XPM_TENANT_ID, accept: 'application/xml' } })).status).toBe(401);
    expect((await fetch(api('client.api/list'), { headers: { ...xpmHeaders(token, XPM_TENANT_ID), accept: 'application/json' } })).status).toBe(406);
  });
});
