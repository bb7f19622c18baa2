/**
 * Re-records the `sandbox-*` fixtures the mapping tests read, straight off the sandbox's wire.
 * Skipped unless RECORD_FIXTURES=1 (fixtures are committed; re-record when the sandbox's
 * payloads change):  RECORD_FIXTURES=1 npx vitest run lib/providers/record-fixtures
 * Never records a token: only API answers are written.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox } from '../sandbox/server';
import { control, mintTokens } from './testing/sandbox-controls';

const enabled = process.env.RECORD_FIXTURES === '1';
let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;

beforeAll(async () => {
  if (enabled) sandbox = await startSandbox({ port: 0, testMode: true });
});
afterAll(async () => {
  await sandbox?.close();
});

function save(app: 'xpm' | 'gusto', name: string, body: string): void {
  writeFileSync(new URL(`./${app}/__fixtures__/sandbox-${name}`, import.meta.url), body.endsWith('\n') ? body : `${body}\n`);
}

test.skipIf(!enabled)('record XPM payloads', async () => {
  const url = sandbox!.url;
  const { tokens, tenantId } = await mintTokens(url, 'xpm');
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}/xero/api/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'xero-tenant-id': tenantId!, accept: 'application/xml', 'content-type': 'application/xml', ...init.headers },
    });
    return { status: res.status, text: await res.text() };
  };
  const page = await get('practicemanager/3.1/client.api/paged-list?pageSize=3');
  expect(page.status).toBe(200);
  save('xpm', 'paged-list.xml', page.text);
  const some = await control<{ clients: { id: string; isArchived: boolean }[] }>(url, 'xpm/clients?limit=200');
  const live = some.clients.find((c) => !c.isArchived)!;
  const archived = some.clients.find((c) => c.isArchived);
  // A client with several contacts shows the Contacts/Contact shape best.
  for (const candidate of some.clients.filter((c) => !c.isArchived).slice(0, 60)) {
    const got = await get(`practicemanager/3.1/client.api/get/${candidate.id}`);
    if ((got.text.match(/<Contact>/g) ?? []).length >= 2) {
      save('xpm', 'get-client.xml', got.text);
      break;
    }
  }
  if (archived) save('xpm', 'get-archived-client.xml', (await get(`practicemanager/3.1/client.api/get/${archived.id}`)).text);
  save('xpm', 'search-empty.xml', (await get('practicemanager/3.1/client.api/search?query=zzzz-no-match')).text);
  save('xpm', 'error-200.xml', (await get('practicemanager/3.1/client.api/add', { method: 'POST', body: '<Client><Name></Name></Client>' })).text);
  save('xpm', 'not-found-200.xml', (await get('practicemanager/3.1/client.api/get/00000000-0000-4000-8000-000000000000')).text);
  await control(url, 'records/malformed', { app: 'xpm', id: live.id, mode: 'bad-values' });
  save('xpm', 'get-bad-values.xml', (await get(`practicemanager/3.1/client.api/get/${live.id}`)).text);
  await control(url, 'tokens/expire', { app: 'xpm' });
  save('xpm', 'token-expired-401.json', (await get('practicemanager/3.1/client.api/paged-list?pageSize=1')).text);
});

test.skipIf(!enabled)('record Gusto payloads', async () => {
  const url = sandbox!.url;
  const { tokens, companyUuid } = await mintTokens(url, 'gusto');
  const get = async (path: string) => {
    const res = await fetch(`${url}/gusto/${path}`, {
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'x-gusto-api-version': '2025-06-15', accept: 'application/json' },
    });
    return { status: res.status, pretty: JSON.stringify(JSON.parse(await res.text()), null, 2) };
  };
  save('gusto', 'company.json', (await get(`v1/companies/${companyUuid}`)).pretty);
  save('gusto', 'locations.json', (await get(`v1/companies/${companyUuid}/locations?page=1&per=100`)).pretty);
  save('gusto', 'admins.json', (await get(`v1/companies/${companyUuid}/admins?page=1&per=100`)).pretty);
  save('gusto', 'token-info.json', (await get('v1/token_info')).pretty);
  const others = await control<{ id: string }[]>(url, 'gusto/companies');
  const other = others.find((c) => c.id !== companyUuid)!;
  const forbidden = await get(`v1/companies/${other.id}`);
  expect(forbidden.status).toBe(403);
  save('gusto', 'error-403.json', forbidden.pretty);
  await control(url, 'records/malformed', { app: 'gusto', id: companyUuid, mode: 'bad-values' });
  save('gusto', 'company-bad-values.json', (await get(`v1/companies/${companyUuid}`)).pretty);
});
