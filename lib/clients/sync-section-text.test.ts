import { describe, expect, test } from 'vitest';
import { type AuditFacts, auditText, linkSavedNotice, linkStateText } from './sync-section-text';

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
    ['a run links by name', { app: 'gusto', byName: null, syncRunId: 'run-1', afterName: 'Wattle Co' }, 'A Gusto sync run linked Gusto’s “Wattle Co” (same name).'],
    ['a member unlinks', { action: 'unlink', beforeExternalId: 'x-1', afterExternalId: null, beforeName: 'Blue Gum' }, 'Alex Admin unlinked XPM’s “Blue Gum”.'],
    [
      'a member relinks',
      { action: 'relink', beforeExternalId: 'x-1', afterExternalId: 'x-2', afterName: 'Blue Gum Physio' },
      'Alex Admin relinked XPM from record x-1 to “Blue Gum Physio”.',
    ],
    ['an accepted proposal’s workflow', { byName: null, trigger: 'workflow', afterName: 'Blue Gum' }, 'An accepted proposal’s workflow linked XPM’s “Blue Gum”.'],
    ['no member, run or workflow', { byName: null, trigger: 'webhook' }, 'Practice Sync linked XPM’s record x-1.'],
  ])('%s', (_case, facts, text) => {
    expect(auditText({ ...base, ...facts })).toBe(text);
  });
});

describe('linkSavedNotice', () => {
  test.each([
    ['linked-xpm', 'Linked to XPM. XPM’s next sync brings its values in.'],
    ['relinked-gusto', 'Relinked to another Gusto record. Gusto’s next sync compares it with this client.'],
    ['unlinked-gusto', 'Unlinked from Gusto. Nothing was deleted.'],
    ['linked-myob', null],
    ['updated', null],
    ['linked-', null],
  ])('%s', (saved, notice) => {
    expect(linkSavedNotice(saved)).toBe(notice);
  });
});
