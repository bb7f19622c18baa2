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
import { check, parseXpmResponse, xmlToSpecJson, type Schema, type Spec } from './openapi-check';
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

  async function xpm(pathAndQuery: string, init: RequestInit = {}) {
    const res = await fetch(`${sb.url}/xero/api/practicemanager/3.1/${pathAndQuery}`, {
      ...init,
      headers: { ...xpmHeaders(xpmToken, XPM_TENANT_ID), ...(init.headers as Record<string, string>) },
    });
    return parseXpmResponse(await res.text());
  }

  function expectConforms(spec: Spec, schemaName: string, value: unknown) {
    expect(check(spec, ref(schemaName), value)).toEqual([]);
  }

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
