/**
 * Sandbox responses checked against the vendors' reference OpenAPI specs. They live outside
 * this repository (shared/reference beside the checkout), so the folder is named explicitly
 * by VENDOR_SPECS_DIR (.ci/run sets it): set, the specs are required and a missing file
 * fails the run; unset, this file is reported as skipped with the reason, never crashed.
 * js-yaml is only a transitive dependency, so it is loaded here, in a test, through require.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, parseXpmResponse, xmlToSpecJson, xpmValueErrors, type Schema, type Spec } from './openapi-check';
import requestSchemas from './xpm/request-schemas.json';
import { XPM_TENANT_ID } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { VENDOR_SPECS_SKIP_REASON, vendorSpecsDir } from './vendor-specs';
import { control, gustoHeaders, gustoTokenRequest, mintGustoToken, mintXpmToken, xpmHeaders } from './testing';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const specsDir = vendorSpecsDir(process.env);
const load = (file: string) => yaml.load(readFileSync(path.join(specsDir!, file), 'utf8')) as Spec & { paths: Record<string, unknown> };
if (!specsDir) console.log(`[spec-conformance] skipped: ${VENDOR_SPECS_SKIP_REASON}`);

let xpmSpec: Spec;
let gustoSpec: Spec;
let sb: RunningSandbox;
let xpmToken: string;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

describe.skipIf(!specsDir)('sandbox conformance to the vendor specs', () => {
  beforeAll(async () => {
    xpmSpec = load('xpm-practice-manager-3.1.openapi.yaml');
    gustoSpec = load('gusto-2025-06-15.openapi.yaml');
    sb = await startSandbox({ port: 0, testMode: true });
    xpmToken = (await mintXpmToken(sb.url)).access_token;
  });
  afterAll(async () => {
    // beforeAll may have failed before the sandbox started: report that failure, not a TypeError.
    await sb?.close();
  });

  /** The HTTP status codes the spec documents for one operation. */
  function documentedStatuses(specPath: string, method: string): string[] {
    const op = (xpmSpec as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths[specPath]?.[method.toLowerCase()];
    if (!op) throw new Error(`The spec has no ${method} ${specPath}`);
    return Object.keys(op.responses);
  }

  /** `/v3.1/client.api/get/{identifier}` for `client.api/get/<uuid>?…`, found among the spec's paths. */
  function specPathOf(pathAndQuery: string, method: string): string {
    const sub = `/v3.1/${pathAndQuery.split('?')[0]}`;
    const paths = Object.entries((xpmSpec as unknown as { paths: Record<string, Record<string, unknown>> }).paths);
    const hit = paths.find(([p, ops]) => ops[method.toLowerCase()] && new RegExp(`^${p.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(sub));
    if (!hit) throw new Error(`The spec has no ${method} ${sub}`);
    return hit[0];
  }

  /**
   * One XPM call, its HTTP status checked against the statuses the spec documents for the
   * operation (so an undocumented 404 or 201 fails here), answering the parsed <Response>.
   */
  async function xpm(pathAndQuery: string, init: RequestInit = {}) {
    const method = init.method ?? 'GET';
    const res = await fetch(`${sb.url}/xero/api/practicemanager/3.1/${pathAndQuery}`, {
      ...init,
      headers: { ...xpmHeaders(xpmToken, XPM_TENANT_ID), ...(init.headers as Record<string, string>) },
    });
    expect(documentedStatuses(specPathOf(pathAndQuery, method), method), `${method} ${pathAndQuery}`).toContain(String(res.status));
    return parseXpmResponse(await res.text());
  }

  /** The schema, plus what XPM documents in prose: Status OK/ERROR and Yes/No values. */
  function expectConforms(spec: Spec, schemaName: string, value: unknown) {
    expect(check(spec, ref(schemaName), value)).toEqual([]);
    if (spec === xpmSpec) expect(xpmValueErrors(value)).toEqual([]);
  }

  const xpmErrors = (schemaName: string, xml: string) => {
    const json = xmlToSpecJson(xpmSpec, ref(schemaName), parseXpmResponse(xml));
    return [...check(xpmSpec, ref(schemaName), json), ...xpmValueErrors(json)];
  };

  describe('XPM XML, mapped to the spec JSON, conforms', () => {
    it('the spec covers the endpoints the sandbox serves', () => {
      const paths = Object.keys((xpmSpec as unknown as { paths: Record<string, unknown> }).paths);
      for (const p of ['list', 'paged-list', 'search', 'get/{identifier}', 'add', 'update', 'archive', 'delete', 'contact', 'contact/{identifier}', 'contacts']) {
        expect(paths).toContain(`/v3.1/client.api/${p}`);
      }
    });

    it('client.api/list?detailed=true → ClientListResponseDto (a sample of 300)', async () => {
      const json = xmlToSpecJson(xpmSpec, ref('ClientListResponseDto'), await xpm('client.api/list?detailed=true')) as { clients: unknown[] };
      expect(json.clients.length).toBeGreaterThan(2000);
      const sample = { ...json, clients: json.clients.filter((_, i) => i % 8 === 0) };
      expectConforms(xpmSpec, 'ClientListResponseDto', sample);
    });

    it('client.api/paged-list → ClientPagedListResponseDto', async () => {
      const json = xmlToSpecJson(xpmSpec, ref('ClientPagedListResponseDto'), await xpm('client.api/paged-list?pageSize=50'));
      expectConforms(xpmSpec, 'ClientPagedListResponseDto', json);
      expect((json as { pagination: { links: { next: string } } }).pagination.links.next).toContain('pageToken=');
    });

    it('client.api/get → ClientResponseDto (with contacts and notes)', async () => {
      const client = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => c.contacts.length > 0 && c.notes.length > 0)!;
      const json = xmlToSpecJson(xpmSpec, ref('ClientResponseDto'), await xpm(`client.api/get/${client.uuid}`)) as { client: { contacts: unknown[]; notes: unknown[] } };
      expect(json.client.contacts.length).toBe(client.contacts.length);
      expect(json.client.notes.length).toBe(1);
      expectConforms(xpmSpec, 'ClientResponseDto', json);
    });

    it('contact endpoints and errors → ClientContactResponseDto, ClientContactDeleteResponseDto, ClientContactsResponseDto, ResponseErrorDto', async () => {
      const client = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => !c.isDeleted)!;
      const added = await xpm('client.api/contact', { method: 'POST', body: `<Contact><Client><UUID>${client.uuid}</UUID></Client><Name>Spec Person</Name></Contact>` });
      const addedJson = xmlToSpecJson(xpmSpec, ref('ClientContactResponseDto'), added) as { contact: { uuid: string } };
      expectConforms(xpmSpec, 'ClientContactResponseDto', addedJson);
      const del = await xpm(`client.api/contact/${addedJson.contact.uuid}`, { method: 'DELETE' });
      expectConforms(xpmSpec, 'ClientContactDeleteResponseDto', xmlToSpecJson(xpmSpec, ref('ClientContactDeleteResponseDto'), del));
      expectConforms(xpmSpec, 'ClientContactsResponseDto', xmlToSpecJson(xpmSpec, ref('ClientContactsResponseDto'), await xpm('client.api/contacts?pageSize=20')));
      const error = await xpm('client.api/add', { method: 'POST', body: '<Client><Email>x@y.z</Email></Client>' });
      expectConforms(xpmSpec, 'ResponseErrorDto', xmlToSpecJson(xpmSpec, ref('ResponseErrorDto'), error));
      const deleted = await xpm('client.api/delete', { method: 'POST', body: `<Client><UUID>${client.uuid}</UUID></Client>` });
      expectConforms(xpmSpec, 'StatusResponseDto', xmlToSpecJson(xpmSpec, ref('StatusResponseDto'), deleted));
    });

    it("the sandbox's copy of the request schemas is the spec's", () => {
      for (const [name, schema] of Object.entries(requestSchemas.schemas)) expect(schema, name).toEqual(xpmSpec.components.schemas[name]);
    });

    it('job.api/add → JobResponseDto; job.api/client/{uuid} → JobListResponseDto; a refused job → ResponseErrorDto', async () => {
      const client = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => !c.isDeleted)!;
      const body = `<Job><ClientUUID>${client.uuid}</ClientUUID><Name>Spec job</Name><Description>Checked</Description><StartDate>20270101</StartDate><DueDate>20270201</DueDate></Job>`;
      const added = xmlToSpecJson(xpmSpec, ref('JobResponseDto'), await xpm('job.api/add', { method: 'POST', body })) as { job: { id: string } };
      expectConforms(xpmSpec, 'JobResponseDto', added);
      expect(added.job.id).toMatch(/^J\d{6}$/);
      const listed = xmlToSpecJson(xpmSpec, ref('JobListResponseDto'), await xpm(`job.api/client/${client.uuid}`)) as { jobs: unknown[] };
      expectConforms(xpmSpec, 'JobListResponseDto', listed);
      expect(listed.jobs).toHaveLength(1);
      const refused = await xpm('job.api/add', { method: 'POST', body: '<Job><Name>No client</Name></Job>' });
      expectConforms(xpmSpec, 'ResponseErrorDto', xmlToSpecJson(xpmSpec, ref('ResponseErrorDto'), refused));
    });

    it('client.api/update → ClientResponseDto; a refused update → ResponseErrorDto', async () => {
      const client = [...sb.state.tenants.get(XPM_TENANT_ID)!.clients.values()].find((c) => !c.isDeleted && c.accountManager)!;
      const updated = await xpm('client.api/update', { method: 'PUT', body: `<Client><UUID>${client.uuid}</UUID><Name>Spec Update Ltd</Name><GSTPeriod>2</GSTPeriod></Client>` });
      expectConforms(xpmSpec, 'ClientResponseDto', xmlToSpecJson(xpmSpec, ref('ClientResponseDto'), updated));
      const refused = await xpm('client.api/update', { method: 'PUT', body: `<Client><UUID>${client.uuid}</UUID><Name>X</Name><Colour>Red</Colour></Client>` });
      expectConforms(xpmSpec, 'ResponseErrorDto', xmlToSpecJson(xpmSpec, ref('ResponseErrorDto'), refused));
    });

    it('the checker fails on a made-up element, a misnamed list item, a bad Status and a bad Yes/No', () => {
      const ok = '<Response><Status>OK</Status><Clients><Client><UUID>x</UUID><IsArchived>No</IsArchived></Client></Clients></Response>';
      expect(xpmErrors('ClientListResponseDto', ok)).toEqual([]);
      expect(xpmErrors('ClientListResponseDto', ok.replace('<IsArchived>', '<Frobnicate>1</Frobnicate><IsArchived>')).join()).toContain('<Frobnicate>');
      expect(xpmErrors('ClientListResponseDto', ok.replace(/<(\/?)Client>/g, '<$1Customer>')).join()).toContain('<Customer>');
      expect(xpmErrors('ClientListResponseDto', ok.replace('<Status>OK', '<Status>Success').replace('OK</Status>', 'Success</Status>')).join()).toContain('status');
      expect(xpmErrors('ClientListResponseDto', ok.replace('<IsArchived>No', '<IsArchived>false')).join()).toContain('isArchived');
      expect(xpmErrors('ResponseErrorDto', '<Response><Status>ERROR</Status></Response>').join()).toContain('ErrorDescription');
    });

    it('the status check fails on a status the spec does not document for the operation', () => {
      expect(documentedStatuses(specPathOf('client.api/add', 'POST'), 'POST')).not.toContain('400');
      expect(documentedStatuses(specPathOf('client.api/contacts?pageSize=2', 'GET'), 'GET')).toContain('400');
    });

    it('the checker itself catches a misnamed field and a wrong type', () => {
      const bad = xmlToSpecJson(
        xpmSpec,
        ref('ClientResponseDto'),
        parseXpmResponse('<Response><Status>OK</Status><Client><UUID>x</UUID><WebSite>a</WebSite><BalanceMonth>June</BalanceMonth></Client></Response>'),
      );
      const errors = check(xpmSpec, ref('ClientResponseDto'), bad);
      expect(errors.some((e) => e.includes('<WebSite>') || e.includes('webSite'))).toBe(true);
      expect(errors.some((e) => e.includes('balanceMonth'))).toBe(true);
    });
  });

  describe('Gusto JSON conforms', () => {
    it('companies → Company (all 40, via grants for each)', async () => {
      for (const uuid of sb.state.companyOrder) {
        const { access_token } = await mintGustoToken(sb.url, uuid);
        const body = (await (await fetch(`${sb.url}/gusto/v1/companies/${uuid}`, { headers: gustoHeaders(access_token) })).json()) as unknown;
        expectConforms(gustoSpec, 'Company', body);
      }
    });

    it('locations → Company-Locations-List / Location; admins → Admin[]; token_info → Token-Info', async () => {
      const { access_token, companyUuid } = await mintGustoToken(sb.url);
      const locations = (await (await fetch(`${sb.url}/gusto/v1/companies/${companyUuid}/locations`, { headers: gustoHeaders(access_token) })).json()) as unknown;
      expectConforms(gustoSpec, 'Company-Locations-List', locations);
      for (const l of locations as unknown[]) expectConforms(gustoSpec, 'Location', l);
      const admins = (await (await fetch(`${sb.url}/gusto/v1/companies/${companyUuid}/admins`, { headers: gustoHeaders(access_token) })).json()) as unknown[];
      for (const a of admins) expectConforms(gustoSpec, 'Admin', a);
      const info = (await (await fetch(`${sb.url}/gusto/v1/token_info`, { headers: gustoHeaders(access_token) })).json()) as unknown;
      expectConforms(gustoSpec, 'Token-Info', info);
    });

    it('errors → Not-Found-Error-Object; refreshed tokens → Refresh-Token-Authentication', async () => {
      const { access_token, refresh_token } = await mintGustoToken(sb.url);
      const notFound = (await (await fetch(`${sb.url}/gusto/v1/companies/nope`, { headers: gustoHeaders(access_token) })).json()) as unknown;
      expectConforms(gustoSpec, 'Not-Found-Error-Object', notFound);
      const refreshed = (await (await gustoTokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token })).json()) as unknown;
      expectConforms(gustoSpec, 'Refresh-Token-Authentication', refreshed);
    });

    it('a malformed company fails the schema check (so the control really breaks it)', async () => {
      const { access_token, companyUuid } = await mintGustoToken(sb.url);
      await control(sb.url, 'records/malformed', { app: 'gusto', id: companyUuid, mode: 'bad-values' });
      const body = (await (await fetch(`${sb.url}/gusto/v1/companies/${companyUuid}`, { headers: gustoHeaders(access_token) })).json()) as unknown;
      expect(check(gustoSpec, ref('Company'), body).length).toBeGreaterThan(0);
    });
  });
});
