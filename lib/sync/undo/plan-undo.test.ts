import { describe, expect, test } from 'vitest';
import { clientColumns } from '@/test/client-columns';
import type { ClientColumns, ContactColumns } from '../mapping/client-from-canonical';
import { type CurrentState, planUndoChange, type RecordedChange, type RecordedKind, summarizeUndo, undoCounter, undoKey, undoWrites } from './plan-undo';

const values = (overrides: Partial<ClientColumns> = {}): ClientColumns => clientColumns({ name: 'Acme', ...overrides });

const contact = (name: string, email: string | null = null): ContactColumns => ({
  name,
  email,
  phone: null,
  mobile: null,
  salutation: null,
  position: null,
  isPrimary: false,
  sortOrder: 0,
});

const change = (fields: RecordedChange['fields'], kind: RecordedKind = 'updated', contacts: RecordedChange['contacts'] = null): RecordedChange => ({
  clientId: 'c1',
  externalId: 'x1',
  kind,
  fields,
  contacts,
});
const now = (overrides: Partial<ClientColumns>, extra: Partial<CurrentState> = {}): CurrentState => ({
  values: values(overrides),
  contacts: [],
  linkExists: true,
  linkFree: false,
  ...extra,
});
const from = (ticked: string[] = []) => ({ direction: 'from_app' as const, ticked: new Set(ticked) });

describe('undo planning with fields changed since the run', () => {
  test.each([
    // [case, recorded before → after, current value, ticked, decision, restored by the undo]
    ['still the run’s value: restored', 'Old', 'New', 'New', false, 'restore', true],
    ['changed since the run: left alone', 'Old', 'New', 'Newer', false, 'changed_since', false],
    ['changed since and ticked: restored', 'Old', 'New', 'Newer', true, 'changed_since', true],
    ['already back at the value before: nothing to do', 'Old', 'New', 'Old', false, 'already', false],
    ['already back, even when ticked', 'Old', 'New', 'Old', true, 'already', false],
    ['the run filled a blank: blanked again', null, 'New', 'New', false, 'restore', true],
    ['the run filled a blank, a person cleared it since: already', null, 'New', null, false, 'already', false],
    ['an empty string counts as blank', null, 'New', '', false, 'already', false],
  ] as const)('%s', (_case, before, after, current, tick, decision, restored) => {
    const plan = planUndoChange(change([{ field: 'email', before, after }]), now({ email: current }), from(tick ? [undoKey('c1', 'email')] : []));
    expect(plan.fields[0]).toMatchObject({ field: 'email', current, runValue: after, restored: before, decision });
    expect(undoWrites(plan).fields).toEqual(restored ? [{ field: 'email', before: current, after: before }] : []);
  });

  test.each([
    ['phone spelt differently is still the run’s value', 'phone', '02 1111 1111', '(02) 9999-9999', '0299999999', 'restore'],
    ['email in another case is still the run’s value', 'email', 'a@old.test', 'B@New.test', 'b@new.test', 'restore'],
    ['a name changed only in case is a change since', 'name', 'Old Co', 'New Co', 'NEW CO', 'changed_since'],
    ['tax number spacing is no change', 'taxNumber', '11 111 111 111', '22 222 222 222', '22222222222', 'restore'],
  ] as const)('%s', (_case, field, before, after, current, decision) => {
    const plan = planUndoChange(change([{ field, before, after }]), now({ [field]: current }), from());
    expect(plan.fields[0]!.decision).toBe(decision);
  });

  test('several fields of one client are decided one by one; ticking one field ticks only that one', () => {
    const plan = planUndoChange(
      change([
        { field: 'email', before: 'a@old.test', after: 'a@new.test' },
        { field: 'phone', before: '1', after: '2' },
        { field: 'website', before: 'old.test', after: 'new.test' },
      ]),
      now({ email: 'a@new.test', phone: '3', website: 'edited.test' }),
      from([undoKey('c1', 'phone'), undoKey('other', 'website')]),
    );
    expect(plan.fields.map((f) => [f.field, f.decision, f.ticked])).toEqual([
      ['email', 'restore', false],
      ['phone', 'changed_since', true],
      ['website', 'changed_since', false],
    ]);
    expect(undoWrites(plan).fields.map((f) => f.field)).toEqual(['email', 'phone']);
    expect(summarizeUndo([plan])).toEqual({ clients: 1, fieldsRestored: 2, leftAlone: 1, ticked: 1, unlinked: 0, relinked: 0 });
  });

  test.each([
    ['contacts still the run’s: restored', [contact('Ann', 'new@x.test')], 'restore', false, true],
    ['contacts edited since: left alone', [contact('Ann', 'edited@x.test')], 'changed_since', false, false],
    ['contacts edited since and ticked: restored', [contact('Ann', 'edited@x.test')], 'changed_since', true, true],
    ['contacts already as before', [contact('Ann', 'old@x.test')], 'already', false, false],
  ] as const)('%s', (_case, current, decision, tick, restored) => {
    const recorded = { before: [contact('Ann', 'old@x.test')], after: [contact('Ann', 'new@x.test')] };
    const plan = planUndoChange(change([], 'updated', recorded), now({}, { contacts: [...current] }), from(tick ? [undoKey('c1', 'contacts')] : []));
    expect(plan.contacts!.decision).toBe(decision);
    expect(undoWrites(plan).contacts).toEqual(restored ? { before: current, after: recorded.before } : null);
  });

  test.each([
    // [kind, link exists now, link free now, link undo, client kept]
    ['updated', true, false, null, false],
    ['linked', true, false, 'unlink', false],
    ['linked', false, true, 'link_unchanged', false],
    ['created', true, false, 'unlink', true],
    ['unlinked', false, true, 'relink', false],
    ['unlinked', false, false, 'link_unchanged', false],
    ['link_archived', true, false, 'state_kept', false],
    ['link_deleted', true, false, 'state_kept', false],
    ['link_restored', true, false, 'state_kept', false],
  ] as const)('a %s change (link exists %s, free %s): link %s', (kind, linkExists, linkFree, link, kept) => {
    const plan = planUndoChange(change([], kind), now({}, { linkExists, linkFree }), from());
    expect(plan.link).toBe(link);
    expect(plan.createdClientKept).toBe(kept);
  });

  test('a client the run created keeps its values: they are its first ones, nothing to restore to', () => {
    const plan = planUndoChange(change([{ field: 'email', before: null, after: 'a@new.test' }], 'created'), now({ email: 'a@new.test' }), from([undoKey('c1', 'email')]));
    expect(plan.fields[0]!.decision).toBe('not_restorable');
    expect(undoWrites(plan).fields).toEqual([]);
    expect(summarizeUndo([plan])).toMatchObject({ clients: 1, unlinked: 1, fieldsRestored: 0 });
  });

  test('a linked-by-name change restores its fields and removes the link', () => {
    const plan = planUndoChange(change([{ field: 'phone', before: '1', after: '2' }], 'linked'), now({ phone: '2' }), from());
    expect(undoWrites(plan).fields).toEqual([{ field: 'phone', before: '2', after: '1' }]);
    expect(plan.link).toBe('unlink');
  });

  test('a client gone since the run: nothing compared, nothing written', () => {
    const plan = planUndoChange(change([{ field: 'phone', before: '1', after: '2' }]), { values: null, contacts: null, linkExists: false, linkFree: false }, from());
    expect(plan).toMatchObject({ missing: true, fields: [], contacts: null });
    expect(summarizeUndo([plan]).clients).toBe(0);
  });

  describe('a To-app run: the app’s record is "now", and the befores are sent back', () => {
    const to = (ticked: string[] = []) => ({ direction: 'to_app' as const, ticked: new Set(ticked) });
    test('a field the app still holds as sent is restored; one edited in the app since is left alone', () => {
      const plan = planUndoChange(
        change([
          { field: 'email', before: 'a@old.test', after: 'a@new.test' },
          { field: 'phone', before: '1', after: '2' },
        ]),
        now({ email: 'a@new.test', phone: '3' }),
        to(),
      );
      expect(plan.fields.map((f) => f.decision)).toEqual(['restore', 'changed_since']);
    });
    test('a masked tax number cannot be sent back; a masked current value still matches what was sent', () => {
      const plan = planUndoChange(
        change([
          { field: 'taxNumber', before: '*****6789', after: '98 765 432 100' },
          { field: 'businessNumber', before: '1', after: '2' },
        ]),
        now({ taxNumber: '*****2100', businessNumber: '2' }),
        to([undoKey('c1', 'taxNumber')]),
      );
      expect(plan.fields.map((f) => [f.field, f.decision])).toEqual([
        ['taxNumber', 'not_restorable'],
        ['businessNumber', 'restore'],
      ]);
    });
    test('contacts are never restored in the app (a push never deletes its contacts)', () => {
      const plan = planUndoChange(change([], 'updated', { before: [], after: [contact('Ann')] }), now({}, { contacts: [contact('Ann')] }), to([undoKey('c1', 'contacts')]));
      expect(plan.contacts!.decision).toBe('not_restorable');
      expect(undoWrites(plan).contacts).toBeNull();
    });
  });

  test('undo of an undo: the undo’s own change, planned again, returns to the run’s result', () => {
    const run = change([{ field: 'email', before: 'a@old.test', after: 'a@new.test' }]);
    const undo = planUndoChange(run, now({ email: 'a@new.test' }), from());
    const undoRecorded: RecordedChange = { ...run, fields: undoWrites(undo).fields };
    const redo = planUndoChange(undoRecorded, now({ email: 'a@old.test' }), from());
    expect(undoWrites(redo).fields).toEqual([{ field: 'email', before: 'a@old.test', after: 'a@new.test' }]);
  });

  test.each([
    // [case, current email, ticked, did something, counter]
    ['restored: updated', 'a@new.test', false, true, 'updated'],
    ['only a changed-since field, left alone: skipped', 'edited@x.test', false, false, 'skipped'],
    ['a changed-since field ticked but nothing done (the write was refused): unchanged', 'edited@x.test', true, false, 'unchanged'],
    ['already as before: unchanged', 'a@old.test', false, false, 'unchanged'],
  ] as const)('the undo run counts a client as: %s', (_case, current, tick, did, counter) => {
    const plan = planUndoChange(change([{ field: 'email', before: 'a@old.test', after: 'a@new.test' }]), now({ email: current }), from(tick ? [undoKey('c1', 'email')] : []));
    expect(undoCounter(plan, did)).toBe(counter);
  });
});
