import { describe, expect, test } from 'vitest';
import { countNotes, readNote, undoCountNotes } from './count-notes';

describe('the notes under a run’s counts', () => {
  test('nothing linked or skipped: no notes, whatever the direction', () => {
    expect(countNotes('xpm', 'from_app', { linked: 0, skipped: 0 })).toEqual([]);
    expect(countNotes('xpm', 'to_app', { linked: 0, skipped: 0 })).toEqual([]);
  });

  test.each([
    [
      1,
      'Linked: 1 record linked to the one client with the same name (ignoring case, punctuation and endings like Ltd); what it brought from Gusto is not counted again under Updated.',
    ],
    [
      2,
      'Linked: 2 records linked to the one client with the same name (ignoring case, punctuation and endings like Ltd); what they brought from Gusto is not counted again under Updated.',
    ],
    [
      1200,
      'Linked: 1,200 records linked to the one client with the same name (ignoring case, punctuation and endings like Ltd); what they brought from Gusto is not counted again under Updated.',
    ],
  ])('inbound, %i linked', (linked, text) => {
    expect(countNotes('gusto', 'from_app', { linked, skipped: 0 })).toEqual([{ key: 'linked', text }]);
  });

  test.each([
    [
      1,
      'Skipped: 1 record a sync does not link on its own: the name matches more than one client here, another XPM record has the same name, the one client with that name has a different tax or business number, the record was unlinked from that client before, or a person linked the record or the client during the run. No client was changed for it; an admin can link it from the client’s page (Link to XPM…).',
    ],
    [
      22,
      'Skipped: 22 records a sync does not link on its own: the name matches more than one client here, another XPM record has the same name, the one client with that name has a different tax or business number, the record was unlinked from that client before, or a person linked the record or the client during the run. No client was changed for them; an admin can link them from the client’s page (Link to XPM…).',
    ],
  ])('inbound, %i skipped', (skipped, text) => {
    expect(countNotes('xpm', 'from_app', { linked: 0, skipped })).toEqual([{ key: 'skipped', text }]);
  });

  test('inbound, both: linked first, as the counts are ordered', () => {
    expect(countNotes('gusto', 'from_app', { linked: 3, skipped: 4 }).map((n) => n.key)).toEqual(['linked', 'skipped']);
  });

  test.each([
    [1, 'Skipped: 1 client whose XPM record is archived or deleted in XPM. Nothing was sent to it.'],
    [5, 'Skipped: 5 clients whose XPM record is archived or deleted in XPM. Nothing was sent to them.'],
  ])('To XPM, %i skipped: archived or deleted there', (skipped, text) => {
    expect(countNotes('xpm', 'to_app', { linked: 0, skipped })).toEqual([{ key: 'skipped', text }]);
  });

  test('To XPM links nothing, so a linked count (never made by a push) gets no inbound wording', () => {
    expect(countNotes('xpm', 'to_app', { linked: 2, skipped: 0 })).toEqual([]);
  });

  describe('a preview says what would happen, under its own labels', () => {
    test('inbound', () => {
      expect(countNotes('xpm', 'from_app', { linked: 2, skipped: 1 }, 'would')).toEqual([
        {
          key: 'linked',
          text: 'Would link: 2 records to the one client with the same name (ignoring case, punctuation and endings like Ltd); what they would bring from XPM is not counted again under Would update.',
        },
        {
          key: 'skipped',
          text: 'Would skip: 1 record a sync does not link on its own: the name matches more than one client here, another XPM record has the same name, the one client with that name has a different tax or business number, or the record was unlinked from that client before. No client would change for it; an admin can link it from the client’s page (Link to XPM…).',
        },
      ]);
    });
    test('To XPM: a record the directory does not have yet cannot be planned either', () => {
      expect(countNotes('xpm', 'to_app', { linked: 0, skipped: 3 }, 'would')).toEqual([
        { key: 'skipped', text: 'Would skip: 3 clients whose XPM record is archived or deleted in XPM, or not in its directory as last refreshed. Nothing would be sent to them.' },
      ]);
    });
    test('nothing to explain', () => {
      expect(countNotes('gusto', 'from_app', { linked: 0, skipped: 0 }, 'would')).toEqual([]);
    });
  });
});

describe('the note under an undo run’s counts', () => {
  test('nothing skipped: no note', () => {
    expect(undoCountNotes('gusto', 'from_app', { skipped: 0 })).toEqual([]);
  });
  test.each([
    ['gusto', 'from_app', 1, 'Left alone: 1 client the undo left as it is: what the undone run wrote had changed since, and was not ticked to be put back.'],
    ['xpm', 'from_app', 3, 'Left alone: 3 clients the undo left as they are: what the undone run wrote had changed since, and was not ticked to be put back.'],
    [
      'xpm',
      'to_app',
      2,
      'Left alone: 2 clients the undo sent nothing for: what the undone run sent had changed in XPM since and was not ticked to be sent back, or the XPM record is archived. XPM keeps what it has.',
    ],
  ] as const)('%s %s, %i skipped: the clients left alone, not records a sync could not link', (app, direction, skipped, text) => {
    expect(undoCountNotes(app, direction, { skipped })).toEqual([{ key: 'skipped', text }]);
    expect(text).not.toMatch(/link/);
  });
});

describe('the note on Read', () => {
  const ZERO = { fetched: 0, created: 0, linked: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };

  test('a From run that changed more clients than it read records says where the others came from', () => {
    expect(readNote('gusto', 'from_app', 'succeeded', { ...ZERO, linked: 87 })).toEqual({
      key: 'fetched',
      text: 'Read: no record was read from Gusto: a sync reads each of its Gusto companies in full, changed or not. The run also works with the records its directory already held, so it can link, create or update more clients than it read.',
    });
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 2, created: 2360 })?.text).toMatch(
      /^Read: 2 records were read from XPM: what changed in XPM since shortly before Practice Sync last read it\. /,
    );
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1, linked: 1, updated: 1 })?.text).toMatch(/^Read: 1 record was read from XPM: what changed /);
  });

  test('paused for review with more records to apply or skip than it read: they came from its directory, and nothing is applied yet', () => {
    // A trial's paused run read "Read 0" beside "Skipped 35".
    expect(readNote('xpm', 'from_app', 'needs_review', { ...ZERO, skipped: 35 }, 10)).toEqual({
      key: 'fetched',
      text: 'Read: no record was read from XPM: none changed in XPM since Practice Sync last read it. The run also works with the records its directory already held, so it can have more records to apply, or to skip, than it read. Nothing is applied until an admin approves it.',
    });
    expect(readNote('xpm', 'from_app', 'needs_review', { ...ZERO, fetched: 3 }, 101)?.text).toMatch(/^Read: 3 records were read from XPM: /);
    // It read all it would apply or skip: Read adds up, no note; To XPM has no note on Read.
    expect(readNote('xpm', 'from_app', 'needs_review', { ...ZERO, fetched: 12, skipped: 2 }, 10)).toBeNull();
    expect(readNote('xpm', 'from_app', 'needs_review', { ...ZERO, fetched: 20, unchanged: 8, skipped: 2 }, 10)).toBeNull();
    // It read more than it counted (a trial's "Read 20" beside "To apply 10"): the others need nothing from it.
    expect(readNote('xpm', 'from_app', 'needs_review', { ...ZERO, fetched: 20 }, 10)?.text).toBe(
      'Read: 20 records were read from XPM: what changed in XPM since shortly before Practice Sync last read it. Those last minutes are read again in case the two clocks differ, so a record read again may not have changed since. Those not counted above need nothing from this run: they match no client here, so they stay in XPM’s directory (the client picker finds them, and an admin can link them from a client’s page), or what changed in them is not something this sync brings.',
    );
    expect(readNote('xpm', 'to_app', 'needs_review', { ...ZERO, skipped: 35 }, 10)).toBeNull();
  });

  test('no note when it changed no more clients than it read, whatever it counted unchanged, skipped or failed', () => {
    expect(readNote('xpm', 'from_app', 'succeeded', ZERO)).toBeNull();
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1, linked: 1 })).toBeNull();
    // A scheduled XPM run: one record changed and read, the other linked ones unchanged.
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1, updated: 1, unchanged: 1999 })).toBeNull();
    expect(readNote('gusto', 'from_app', 'succeeded', { ...ZERO, fetched: 0, unchanged: 3, skipped: 2 })).toBeNull();
    // A retry whose records could not be read: failed, not read.
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1, updated: 1, failed: 2 })).toBeNull();
  });

  test('read more records than it counted: the others matched no client, or needed nothing', () => {
    // A trial's Gusto run: 4 companies read, 1 linked by name, 3 matching no client here.
    expect(readNote('gusto', 'from_app', 'succeeded', { ...ZERO, fetched: 4, linked: 1 })).toEqual({
      key: 'fetched',
      text: 'Read: 4 records were read from Gusto: a sync reads each of its Gusto companies in full, changed or not. Those not counted above needed nothing from this run: they match no client here, so they stay in Gusto’s directory (the client picker finds them, and an admin can link them from a client’s page), or what changed in them is not something this sync brings.',
    });
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1 })?.text).toMatch(
      /^Read: 1 record was read from XPM: what changed .* Those not counted above needed nothing/,
    );
    // Stopped before its work was done: what it read was not applied for that reason, not because it needed nothing.
    for (const status of ['failed', 'cancelled'] as const) expect(readNote('gusto', 'from_app', status, { ...ZERO, fetched: 10 })).toBeNull();
    expect(readNote('gusto', 'from_app', 'partial', { ...ZERO, fetched: 4, linked: 1, failed: 1 })?.text).toMatch(/Those not counted above needed nothing/);
    // Everything read is counted somewhere: no note.
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 6, created: 1, linked: 1, updated: 1, unchanged: 1, skipped: 1, failed: 1 })).toBeNull();
  });

  test('a To-XPM run reads XPM to plan what it sends: no note', () => {
    expect(readNote('xpm', 'to_app', 'succeeded', { ...ZERO, fetched: 0, updated: 40 })).toBeNull();
    expect(readNote('xpm', 'to_app', 'succeeded', { ...ZERO, fetched: 40, updated: 1 })).toBeNull();
  });

  test('says how the run read: never "new or changed" of a read that also takes unchanged records', () => {
    // A trial: "Sync now" a minute after the last run, nothing changed in the app, and the page
    // said "3 records were new or changed". Gusto reads each company in full every run; XPM
    // reads again the minutes before its last read.
    const threeUnlinked = { ...ZERO, fetched: 3 };
    expect(readNote('gusto', 'from_app', 'succeeded', threeUnlinked)?.text).toMatch(
      /^Read: 3 records were read from Gusto: a sync reads each of its Gusto companies in full, changed or not\. /,
    );
    expect(readNote('xpm', 'from_app', 'succeeded', threeUnlinked, 0, 'changes')?.text).toMatch(/so a record read again may not have changed since\. Those not counted above/);
    for (const app of ['xpm', 'gusto'] as const) expect(readNote(app, 'from_app', 'succeeded', threeUnlinked)?.text).not.toMatch(/new or changed/);
  });

  test('the wizard’s first sync read XPM in full: its Read is every client not archived', () => {
    // A trial's first sync read "Read 0" beside "Created 2,360"; it now reads XPM in full, and Read adds up: no note.
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 2360, created: 2360 }, 2360, 'full')).toBeNull();
    // The import unticked: the records that match no client are read, and said why they changed nothing.
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 2360, linked: 40 }, 40, 'full')?.text).toBe(
      'Read: 2,360 records were read from XPM: the first sync reads every XPM client that is not archived. Those not counted above needed nothing from this run: they match no client here, so they stay in XPM’s directory (the client picker finds them, and an admin can link them from a client’s page), or what changed in them is not something this sync brings.',
    );
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 2, updated: 2 }, 2, 'retry')).toBeNull();
    expect(readNote('xpm', 'from_app', 'succeeded', { ...ZERO, fetched: 1, updated: 2 }, 2, 'retry')?.text).toMatch(
      /^Read: 1 record was read from XPM: the failed records this run retries, read again\. /,
    );
  });
});
