import { describe, expect, test } from 'vitest';
import { type AuditFacts, auditText, linkEffectText, linkSavedNotice, linkStateText, undoneSyncText } from './sync-section-text';

describe('linkStateText', () => {
  test.each([
    ['xpm', 'active', 'Linked', 'success'],
    ['xpm', 'external_archived', 'Archived in XPM', 'warning'],
    ['gusto', 'external_deleted', 'Deleted in Gusto', 'warning'],
    ['gusto', 'external_archived', 'Archived in Gusto', 'warning'],
  ] as const)('%s %s → %s', (app, status, text, tone) => {
    expect(linkStateText(app, status)).toEqual({ text, tone });
  });
});

describe('auditText', () => {
  const base: AuditFacts = { app: 'xpm', action: 'link', beforeExternalId: null, afterExternalId: 'x-1', byName: 'Alex Admin', syncRunId: null };
  test.each<[string, Partial<AuditFacts>, string]>([
    ['a member links', {}, 'Alex Admin linked XPM’s record x-1.'],
    ['a member links a record the directory names', { afterName: 'Blue Gum' }, 'Alex Admin linked XPM’s “Blue Gum”.'],
    [
      'a run links by name',
      { app: 'gusto', byName: null, syncRunId: 'run-1', runChange: 'linked', afterName: 'Wattle Co' },
      'A Gusto sync run linked Gusto’s “Wattle Co” (same name).',
    ],
    [
      'a run imports the record as a new client: not a name match',
      { app: 'gusto', byName: null, syncRunId: 'run-1', runChange: 'created', afterName: 'Nelson & Sons Motors' },
      'A Gusto sync run linked Gusto’s “Nelson & Sons Motors” (a new client from the record).',
    ],
    // An undo puts a link back, and a run's change row may be gone: no reason rather than a wrong one.
    ['a run whose change says no reason', { byName: null, syncRunId: 'run-1', runChange: 'link_restored', afterName: 'Blue Gum' }, 'An XPM sync run linked XPM’s “Blue Gum”.'],
    ['a run with no change row', { byName: null, syncRunId: 'run-1', runChange: null, afterName: 'Blue Gum' }, 'An XPM sync run linked XPM’s “Blue Gum”.'],
    [
      'a Gusto run unlinks',
      { app: 'gusto', action: 'unlink', byName: null, syncRunId: 'run-1', beforeExternalId: 'g-1', afterExternalId: null, beforeName: 'Wattle Co' },
      'A Gusto sync run unlinked Gusto’s “Wattle Co”.',
    ],
    [
      'an XPM run relinks',
      { action: 'relink', byName: null, syncRunId: 'run-1', beforeExternalId: 'x-1', afterExternalId: 'x-2' },
      'An XPM sync run relinked XPM from record x-1 to record x-2.',
    ],
    ['a member unlinks', { action: 'unlink', beforeExternalId: 'x-1', afterExternalId: null, beforeName: 'Blue Gum' }, 'Alex Admin unlinked XPM’s “Blue Gum”.'],
    [
      'a member relinks',
      { action: 'relink', beforeExternalId: 'x-1', afterExternalId: 'x-2', afterName: 'Blue Gum Physio' },
      'Alex Admin relinked XPM from record x-1 to “Blue Gum Physio”.',
    ],
    ['an accepted proposal’s workflow', { byName: null, trigger: 'workflow', afterName: 'Blue Gum' }, 'An accepted proposal’s workflow linked XPM’s “Blue Gum”.'],
    ['no member, run or workflow', { byName: null, trigger: 'webhook' }, 'Practice Sync linked XPM’s record x-1.'],
    // A user trial: the history named a record by its name today, not the one it had when linked.
    ['a record named the same since', { afterName: 'Blue Gum', afterNameNow: 'Blue Gum' }, 'Alex Admin linked XPM’s “Blue Gum”.'],
    ['a record renamed since it was linked', { afterName: 'Blue Gum', afterNameNow: 'Blue Gum Physio' }, 'Alex Admin linked XPM’s “Blue Gum” (now “Blue Gum Physio”).'],
    [
      'a record renamed since it was unlinked',
      { action: 'unlink', beforeExternalId: 'x-1', afterExternalId: null, beforeName: 'Wattle Co', beforeNameNow: 'Wattle Holdings' },
      'Alex Admin unlinked XPM’s “Wattle Co” (now “Wattle Holdings”).',
    ],
    [
      'a relink whose two records were renamed since',
      { action: 'relink', beforeExternalId: 'x-1', afterExternalId: 'x-2', beforeName: 'A Co', beforeNameNow: 'A Pty', afterName: 'B Co', afterNameNow: 'B Pty' },
      'Alex Admin relinked XPM from “A Co” (now “A Pty”) to “B Co” (now “B Pty”).',
    ],
    ['a record no longer in the directory keeps its name then', { afterName: 'Blue Gum', afterNameNow: null }, 'Alex Admin linked XPM’s “Blue Gum”.'],
    // Entries from before names were kept: today's name, said to be today's.
    ['an older entry without its name then', { afterNameNow: 'Blue Gum Physio' }, 'Alex Admin linked XPM’s record now named “Blue Gum Physio”.'],
  ])('%s', (_case, facts, text) => {
    expect(auditText({ ...base, ...facts })).toBe(text);
  });
});

describe('undoneSyncText (a field put back by an undo)', () => {
  test.each([
    ['xpm', ' of an XPM sync'],
    ['gusto', ' of a Gusto sync'],
  ] as const)('%s → "Put back by an undo%s"', (app, text) => {
    expect(undoneSyncText(app)).toBe(text);
  });
});

describe('linkSavedNotice', () => {
  test.each([
    ['linked-xpm', 'Linked to XPM. XPM’s next sync compares the record with this client.'],
    ['relinked-gusto', 'Relinked to another Gusto record. Gusto’s next sync compares the record with this client.'],
    ['unlinked-gusto', 'Unlinked from Gusto. Nothing was deleted.'],
    ['linked-myob', null],
    ['updated', null],
    ['linked-', null],
  ])('%s', (saved, notice) => {
    expect(linkSavedNotice(saved)).toBe(notice);
  });
});

describe('linkSavedNotice by the app’s settings', () => {
  test.each([
    ['linked-xpm', { syncData: 'everything', direction: 'to_app' }, 'Linked to XPM. This client’s details go to XPM when it next syncs, replacing what differs there.'],
    ['linked-gusto', { syncData: 'everything', direction: 'from_app' }, 'Linked to Gusto. Gusto’s next sync brings its values in, replacing what differs here.'],
    [
      'relinked-xpm',
      { syncData: 'nothing', direction: 'from_app' },
      'Relinked to another XPM record. XPM’s Sync data is Nothing: no client data flows either way; the link only says they are the same business.',
    ],
  ] as const)('%s, %o', (saved, flow, notice) => {
    const app = saved.endsWith('xpm') ? 'xpm' : 'gusto';
    expect(linkSavedNotice(saved, { [app]: flow })).toBe(notice);
  });
});

describe('linkEffectText (the Link dialog, once a record is chosen)', () => {
  const names = { client: 'Tui Pharmacy Inc.', record: 'Tui Investment Trust' };
  test.each([
    [
      { syncData: 'everything', direction: 'to_app' },
      'This client’s details go to XPM when it next syncs, replacing what differs there. XPM’s “Tui Investment Trust” will be renamed “Tui Pharmacy Inc.”',
    ],
    [
      { syncData: 'client_name', direction: 'to_app' },
      'This client’s name goes to XPM when it next syncs, replacing what differs there. XPM’s “Tui Investment Trust” will be renamed “Tui Pharmacy Inc.”',
    ],
    [{ syncData: 'everything', direction: 'from_app' }, 'XPM’s next sync brings its values in, replacing what differs here. This client will be renamed “Tui Investment Trust”.'],
    [{ syncData: 'client_name', direction: 'from_app' }, 'XPM’s next sync brings its name in, replacing what differs here. This client will be renamed “Tui Investment Trust”.'],
    // Nothing flows: no rename either way.
    [{ syncData: 'nothing', direction: 'to_app' }, 'XPM’s Sync data is Nothing: no client data flows either way; the link only says they are the same business.'],
  ] as const)('%o', (flow, text) => {
    expect(linkEffectText('xpm', flow, names)).toBe(text);
  });

  test('a name without a stop of its own ends the sentence with one', () => {
    expect(linkEffectText('xpm', { syncData: 'client_name', direction: 'to_app' }, { client: 'Tui Pharmacy', record: 'Tui Investment Trust' })).toBe(
      'This client’s name goes to XPM when it next syncs, replacing what differs there. XPM’s “Tui Investment Trust” will be renamed “Tui Pharmacy”.',
    );
  });

  test('the same name: nothing is renamed, so nothing is said of it', () => {
    expect(linkEffectText('xpm', { syncData: 'everything', direction: 'to_app' }, { client: 'Harbour Dental', record: 'Harbour Dental' })).toBe(
      'This client’s details go to XPM when it next syncs, replacing what differs there.',
    );
  });

  test('settings unknown: the neutral wording', () => {
    expect(linkEffectText('gusto', null, names)).toBe('Gusto’s next sync compares the record with this client.');
  });
});
