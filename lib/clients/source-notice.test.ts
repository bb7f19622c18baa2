import { describe, expect, test } from 'vitest';
import { APP_IDS } from '@/lib/apps/ids';
import { state } from '@/lib/sync/rules/test-states';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules/types';
import { type ClientLinkFacts, clientSourceNotice, linkToSourceText } from './source-notice';

describe('clientSourceNotice: every setting of each app × linked or not', () => {
  const cases = APP_IDS.flatMap((app) =>
    SYNC_DATA_VALUES.flatMap((syncData) =>
      SYNC_DIRECTIONS.flatMap((direction) => [true, false].flatMap((linked) => [true, false].map((inStep) => ({ app, syncData, direction, linked, inStep })))),
    ),
  );
  test.each(cases)('$app $syncData/$direction, linked $linked, in step $inStep', ({ app, syncData, direction, linked, inStep }) => {
    const notice = clientSourceNotice([{ app, syncData, direction }], linked ? [{ app, inStep }] : []);
    // Only an inbound source overwrites what is typed here, and only on a client linked to it.
    const overwrites = linked && direction === 'from_app' && syncData !== 'nothing';
    if (!overwrites) {
      expect(notice).toBeNull();
      return;
    }
    expect(notice?.app).toBe(app);
    expect(notice?.parts).toEqual(syncData === 'client_name' ? ['name'] : expect.arrayContaining(['name', 'email', 'contacts']));
    expect(notice?.heading).toMatch(syncData === 'client_name' ? /source of this client’s name$/ : /source of this client’s details$/);
    expect(notice?.text).toContain('kept in this client’s history');
  });
});

describe('clientSourceNotice: several apps', () => {
  const linkedTo = (...apps: ('xpm' | 'gusto')[]): ClientLinkFacts[] => apps.map((app) => ({ app, inStep: true }));
  test.each([
    ['Gusto is the source; the client is linked to XPM only', 'xpm=E/T gusto=E/F', linkedTo('xpm'), null],
    ['Gusto is the source; linked to both', 'xpm=E/T gusto=E/F', linkedTo('xpm', 'gusto'), 'gusto'],
    ['XPM is the source; linked to both', 'xpm=C/F gusto=N/F', linkedTo('xpm', 'gusto'), 'xpm'],
    ['XPM is the source; linked to Gusto only', 'xpm=E/F gusto=N/F', linkedTo('gusto'), null],
    ['no source at all', 'xpm=E/T gusto=N/F', linkedTo('xpm', 'gusto'), null],
    ['no connections (a link to an app since disconnected)', '', linkedTo('xpm'), null],
  ] as const)('%s', (_, settings, links, app) => {
    expect(clientSourceNotice(state(settings), links)?.app ?? null).toBe(app);
  });
});

describe('clientSourceNotice: the words', () => {
  test('XPM Everything, in step: kept until XPM’s record changes, then what differs is replaced; only the fields XPM gives', () => {
    expect(clientSourceNotice(state('xpm=E/F'), [{ app: 'xpm', inStep: true }])).toEqual({
      app: 'xpm',
      parts: ['name', 'businessStructure', 'email', 'phone', 'website', 'businessNumber', 'streetAddress', 'postalAddress', 'contacts'],
      heading: 'XPM is the source of this client’s details',
      text:
        'Your changes here are kept until this client’s record next changes in XPM; then XPM’s values replace what differs in the fields marked “From XPM” ' +
        '(name, business structure, email, phone, website, business number, street address, postal address and contacts). ' +
        'A field XPM leaves empty keeps what you type, and each change is kept in this client’s history.',
    });
  });

  test('XPM Everything, not yet applied: the next sync replaces first', () => {
    expect(clientSourceNotice(state('xpm=E/F'), [{ app: 'xpm', inStep: false }])?.text).toMatch(
      /^XPM’s next sync replaces what differs in the fields marked “From XPM” \(name, .* and contacts\) with XPM’s values; after that, your changes here are kept until this client’s record next changes in XPM\./,
    );
  });

  test('Gusto Everything names Gusto’s own fields: legal and trading name, no website or tax number', () => {
    const notice = clientSourceNotice(state('gusto=E/F'), [{ app: 'gusto', inStep: true }]);
    expect(notice?.parts).toEqual(['name', 'legalName', 'tradingName', 'businessStructure', 'email', 'phone', 'businessNumber', 'streetAddress', 'postalAddress', 'contacts']);
    expect(notice?.text).toContain('“From Gusto” (name, legal name, trading name, business structure, email, phone, business number, street address, postal address and contacts)');
  });

  test.each([
    [
      true,
      'A name you give this client here is kept until its record next changes in XPM; then XPM’s name replaces it. Each change is kept in this client’s history. XPM’s Sync data is Client name, so no other field comes from XPM.',
    ],
    [
      false,
      'XPM’s next sync replaces this client’s name with XPM’s if they differ; after that, a name you give it here is kept until its record next changes in XPM. Each change is kept in this client’s history. XPM’s Sync data is Client name, so no other field comes from XPM.',
    ],
  ])('XPM Client name, in step %s: the name only', (inStep, text) => {
    expect(clientSourceNotice(state('xpm=C/F'), [{ app: 'xpm', inStep }])).toEqual({ app: 'xpm', parts: ['name'], heading: 'XPM is the source of this client’s name', text });
  });
});

describe('linkToSourceText: said before a record is linked, every setting of each app', () => {
  const cases = APP_IDS.flatMap((app) => SYNC_DATA_VALUES.flatMap((syncData) => SYNC_DIRECTIONS.map((direction) => ({ app, syncData, direction }))));
  test.each(cases)('$app $syncData/$direction', ({ app, syncData, direction }) => {
    const text = linkToSourceText(app, { syncData, direction });
    if (direction !== 'from_app' || syncData === 'nothing') {
      expect(text).toBeNull();
      return;
    }
    // The very fields the client's form then marks "From <app>", in its words.
    const notice = clientSourceNotice([{ app, syncData, direction }], [{ app, inStep: false }]);
    const words = notice?.text.match(/\(([^)]*)\)/)?.[1];
    expect(text).toContain(syncData === 'client_name' ? 'this client’s name' : `this client’s ${words}`);
  });

  test('XPM as the source of everything, in full', () => {
    expect(linkToSourceText('xpm', { syncData: 'everything', direction: 'from_app' })).toBe(
      'XPM is the source of your clients’ details: once linked, XPM’s next sync replaces what differs in this client’s name, business structure, email, phone, website, business number, street address, postal address and contacts with XPM’s values.',
    );
  });

  test('no settings known: nothing said', () => {
    expect(linkToSourceText('gusto', null)).toBeNull();
  });
});
