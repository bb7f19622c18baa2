/**
 * The sandbox refuses XPM write bodies the way XPM does (HTTP 200, Status ERROR, a readable
 * ErrorDescription) and keeps records whole; job.api/add and job.api/client serve per-tenant jobs.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { XpmClient } from './model';
import { XPM_SECOND_TENANT_ID, XPM_STAFF, XPM_TENANT_ID } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { control, mintXpmToken, xpmHeaders } from './testing';
import { validateXpmRequest } from './xpm/request-validation';
import { escapeXml } from './xpm/xml';

type Node = Record<string, unknown>;
const parser = new XMLParser({ parseTagValue: false, isArray: (_n, jpath) => typeof jpath === 'string' && /(Jobs\.Job|Contacts\.Contact|Groups\.Group)$/.test(jpath) });

let sb: RunningSandbox;
let token: string;

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

async function call(path: string, method = 'GET', body?: string, tenantId = XPM_TENANT_ID): Promise<{ status: number; doc: Node }> {
  const res = await fetch(`${sb.url}/xero/api/practicemanager/3.1/${path}`, { method, body, headers: { ...xpmHeaders(token, tenantId), 'content-type': 'application/xml' } });
  return { status: res.status, doc: (parser.parse(await res.text()) as Node).Response as Node };
}

/** A live client with GST settings, an account manager and groups: a realistic record. */
function richClient(): XpmClient {
  return [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find(
    (c) => !c.isDeleted && !c.isArchived && c.gstPeriod !== null && c.accountManager && c.groups.length > 0 && c.contacts.length > 0,
  )!;
}

const refused = (r: { status: number; doc: Node }) => ({ status: r.status, state: r.doc.Status, description: r.doc.ErrorDescription });

describe('request validation (XPM answers HTTP 200, Status ERROR)', () => {
  const cases: [string, string, string, string][] = [
    ['a made-up element', 'client.api/add', '<Client><Name>A</Name><FavouriteColour>Teal</FavouriteColour></Client>', '<FavouriteColour> is not a valid element of <Client>'],
    ['the response spelling Website', 'client.api/add', '<Client><Name>A</Name><Website>https://a.example</Website></Client>', '<Website> is not a valid element of <Client>'],
    [
      'GSTPeriod as display text',
      'client.api/add',
      '<Client><Name>A</Name><GSTPeriod>Two Monthly</GSTPeriod></Client>',
      'GSTPeriod must be a whole number ("Two Monthly" is not valid)',
    ],
    ['GSTPeriod out of range', 'client.api/add', '<Client><Name>A</Name><GSTPeriod>3</GSTPeriod></Client>', 'GSTPeriod must be one of 1, 2, 6 ("3" is not valid)'],
    ['GSTBasis unknown', 'client.api/add', '<Client><Name>A</Name><GSTBasis>Cash</GSTBasis></Client>', 'GSTBasis must be one of Invoice, Payments, Hybrid ("Cash" is not valid)'],
    ['a Yes/No field saying true', 'client.api/add', '<Client><Name>A</Name><IsProspect>true</IsProspect></Client>', 'IsProspect must be one of Yes, No ("true" is not valid)'],
    ['PrepareGST saying Y', 'client.api/add', '<Client><Name>A</Name><PrepareGST>Y</PrepareGST></Client>', 'PrepareGST must be one of Yes, No ("Y" is not valid)'],
    ['a missing Name', 'client.api/add', '<Client><Email>a@b.co</Email></Client>', 'Name is required'],
    [
      'a nested contact without Name',
      'client.api/add',
      '<Client><Name>A</Name><Contacts><Contact><Email>x@y.co</Email></Contact></Contacts></Client>',
      'Contacts/Contact: Name is required',
    ],
    [
      'a misnamed list item',
      'client.api/add',
      '<Client><Name>A</Name><Contacts><Person><Name>P</Name></Person></Contacts></Client>',
      'Contacts: <Person> is not a valid element (a <Contacts> list holds <Contact>)',
    ],
    ['update without UUID', 'client.api/update', '<Client><Name>A</Name></Client>', 'UUID is required'],
    [
      'contact with a made-up element',
      'client.api/contact',
      '<Contact><Client><UUID>x</UUID></Client><Name>P</Name><Nickname>Pip</Nickname></Contact>',
      '<Nickname> is not a valid element of <Contact>',
    ],
    [
      'contact IsPrimary saying 1',
      'client.api/contact',
      '<Contact><Client><UUID>x</UUID></Client><Name>P</Name><IsPrimary>1</IsPrimary></Contact>',
      'IsPrimary must be one of Yes, No ("1" is not valid)',
    ],
    ['job without StartDate', 'job.api/add', '<Job><ClientUUID>x</ClientUUID><Name>J</Name><Description>D</Description><DueDate>20270101</DueDate></Job>', 'StartDate is required'],
    [
      'job with an ISO date',
      'job.api/add',
      '<Job><ClientUUID>x</ClientUUID><Name>J</Name><Description>D</Description><StartDate>2027-01-01</StartDate><DueDate>20270101</DueDate></Job>',
      'StartDate must be a date as YYYYMMDD ("2027-01-01" is not valid)',
    ],
    ['job with ClientUuid spelt as the JSON key', 'job.api/add', '<Job><ClientUuid>x</ClientUuid><Name>J</Name></Job>', '<ClientUuid> is not a valid element of <Job>'],
  ];

  it.each(cases)('refuses %s', async (_what, path, body, description) => {
    const before = JSON.stringify([...sb.state.tenants.get(XPM_TENANT_ID)!.clients.keys()].length);
    const method = path === 'client.api/update' ? 'PUT' : 'POST';
    expect(refused(await call(path, method, body))).toEqual({ status: 200, state: 'ERROR', description });
    expect(JSON.stringify([...sb.state.tenants.get(XPM_TENANT_ID)!.clients.keys()].length)).toBe(before);
  });

  it('unparseable XML is HTTP 400 with the same envelope', async () => {
    expect(refused(await call('client.api/add', 'POST', '<Client><Name>A</Client>'))).toMatchObject({ status: 400, state: 'ERROR' });
  });

  it('accepts the request forms: GSTPeriod in months, WebSite, Yes/No, manager UUIDs', () => {
    const body = {
      Name: 'A',
      WebSite: 'https://a.example',
      GSTPeriod: '2',
      GSTBasis: 'Invoice',
      GSTRegistered: 'Yes',
      PrepareGST: 'No',
      AccountManagerUUID: 'u',
      BalanceMonth: '3',
    };
    expect(validateXpmRequest('ClientAddRequestDto', 'Client', body)).toBeNull();
    expect(validateXpmRequest('ClientUpdateRequestDto', 'Client', { UUID: 'u', ...body })).toBeNull();
  });
});

describe('realistic records and whole-record updates', () => {
  it('client.api/get shows account manager, type, GST fields (display form), groups and a masked tax number', async () => {
    const c = richClient();
    const client = (await call(`client.api/get/${c.uuid}`)).doc.Client as Node;
    expect((client.AccountManager as Node).UUID).toBe(c.accountManager!.uuid);
    expect((client.Type as Node).Name).toBeTruthy();
    expect(['Monthly', 'Two Monthly', 'Six Monthly']).toContain(client.GSTPeriod);
    expect(client.GSTRegistered).toBe('Yes');
    expect(((client.Groups as Node).Group as Node[]).length).toBe(c.groups.length);
  });

  it('an update that leaves out the account manager and GST period clears them; type and groups stay', async () => {
    const c = richClient();
    const groups = c.groups.length;
    const r = await call('client.api/update', 'PUT', `<Client><UUID>${c.uuid}</UUID><Name>${escapeXml(c.name)}</Name></Client>`);
    expect(r.doc.Status).toBe('OK');
    expect(c.accountManager).toBeNull();
    expect(c.gstPeriod).toBeNull();
    expect(c.type).not.toBeNull();
    expect(c.groups).toHaveLength(groups);
  });

  it('an unknown account manager is refused and changes nothing', async () => {
    const c = richClient();
    const manager = c.accountManager;
    const r = await call('client.api/update', 'PUT', `<Client><UUID>${c.uuid}</UUID><Name>Other</Name><AccountManagerUUID>nobody</AccountManagerUUID></Client>`);
    expect(refused(r)).toEqual({ status: 200, state: 'ERROR', description: 'AccountManagerUUID nobody is not a staff member of this practice' });
    expect(c.accountManager).toEqual(manager);
    expect(c.name).not.toBe('Other');
  });

  it('an update in request form sets managers and GST', async () => {
    const c = richClient();
    const staff = XPM_STAFF[3]!;
    const r = await call(
      'client.api/update',
      'PUT',
      `<Client><UUID>${c.uuid}</UUID><Name>${escapeXml(c.name)}</Name><AccountManagerUUID>${staff.uuid}</AccountManagerUUID><GSTPeriod>6</GSTPeriod><GSTBasis>Hybrid</GSTBasis></Client>`,
    );
    const client = r.doc.Client as Node;
    expect((client.AccountManager as Node).Name).toBe(staff.name);
    expect(client.GSTPeriod).toBe('Six Monthly');
    expect(client.GSTBasis).toBe('Hybrid');
  });

  it('a contact PUT naming another client is refused', async () => {
    const c = richClient();
    const contact = c.contacts[0]!;
    const other = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((x) => x !== c && !x.isDeleted)!;
    const r = await call(`client.api/contact/${contact.uuid}?clientUuid=${other.uuid}`, 'PUT', `<Contact><Name>${escapeXml(contact.name)}</Name></Contact>`);
    expect(r.doc.Status).toBe('ERROR');
    const ok = await call(
      `client.api/contact/${contact.uuid}?clientUuid=${c.uuid}`,
      'PUT',
      `<Contact><Name>${escapeXml(contact.name)}</Name><Position>Director</Position></Contact>`,
    );
    expect(ok.doc.Status).toBe('OK');
    expect(contact.position).toBe('Director');
  });
});

describe('jobs', () => {
  const jobBody = (clientUuid: string, extra = '') =>
    `<Job><ClientUUID>${clientUuid}</ClientUUID><Name>Annual accounts</Name><Description>FY26 financial statements</Description><StartDate>20270101</StartDate><DueDate>20270331</DueDate>${extra}</Job>`;

  it('job.api/add numbers jobs J000001…, per tenant; job.api/client lists them; the control lists them', async () => {
    const c = richClient();
    const first = await call('job.api/add', 'POST', jobBody(c.uuid));
    expect(first.doc.Status).toBe('OK');
    const job = first.doc.Job as Node;
    expect(job.ID).toBe('J000001');
    expect((job.Client as Node).UUID).toBe(c.uuid);
    expect(job.StartDate).toBe('2027-01-01T00:00:00');
    expect((await call('job.api/add', 'POST', jobBody(c.uuid))).doc.Job).toMatchObject({ ID: 'J000002' });

    const listed = (await call(`job.api/client/${c.uuid}`)).doc;
    expect(((listed.Jobs as Node).Job as Node[]).map((j) => j.ID)).toEqual(['J000001', 'J000002']);
    const controlled = (await (await control(sb.url, `xpm/jobs?clientUuid=${c.uuid}`, undefined, 'GET')).json()) as { total: number; jobs: { id: string }[] };
    expect(controlled.total).toBe(2);
    expect(controlled.jobs.map((j) => j.id)).toEqual(['J000001', 'J000002']);

    // The second practice has its own numbering and sees none of these.
    const secondToken = (await mintXpmToken(sb.url, XPM_SECOND_TENANT_ID)).access_token;
    token = secondToken;
    const other = [...sb.state.tenants.get(XPM_SECOND_TENANT_ID)!.clients.values()][0]!;
    expect(((await call('job.api/add', 'POST', jobBody(other.uuid), XPM_SECOND_TENANT_ID)).doc.Job as Node).ID).toBe('J000001');
  });

  it('a client with no jobs answers an empty <Jobs />; an unknown client or a taken job number is an ERROR', async () => {
    const c = richClient();
    expect((await call(`job.api/client/${c.uuid}`)).doc.Jobs).toBe('');
    expect((await call('job.api/client/nope')).doc.Status).toBe('ERROR');
    expect((await call('job.api/add', 'POST', jobBody('nope'))).doc.ErrorDescription).toBe('Client not found: nope');
    await call('job.api/add', 'POST', jobBody(c.uuid, '<ID>J000777</ID>'));
    expect((await call('job.api/add', 'POST', jobBody(c.uuid, '<ID>J000777</ID>'))).doc.ErrorDescription).toBe('Job number J000777 is already in use');
  });
});
