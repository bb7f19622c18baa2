import { describe, expect, test } from 'vitest';
import { type FieldOrigin, groupFieldOrigins, originFieldsText } from './field-origin-groups';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 5, minute));
const fromRun = (field: string, run: string, minute = 0, app: 'xpm' | 'gusto' = 'xpm'): FieldOrigin => ({ field, app, syncRunId: run, editedByName: null, at: at(minute) });
const edited = (field: string, by: string, minute: number): FieldOrigin => ({ field, app: null, syncRunId: null, editedByName: by, at: at(minute) });
const shape = (fields: FieldOrigin[]) => groupFieldOrigins(fields).map((g) => g.fields.map((f) => f.field));

describe('groupFieldOrigins: one line per run, per creation from an app, per save', () => {
  test('eighteen fields from one run are one group, in their order', () => {
    const names = Array.from({ length: 18 }, (_, i) => `field${i}`);
    expect(shape(names.map((name) => fromRun(name, 'run-1')))).toEqual([names]);
  });

  test('two runs, and the app’s creation of the client, are three groups: the latest first', () => {
    const groups = groupFieldOrigins([
      fromRun('name', 'run-1', 1),
      fromRun('email', 'run-2', 5),
      { field: 'phone', app: 'gusto', syncRunId: null, editedByName: null, at: at(0) },
      fromRun('website', 'run-1', 1),
    ]);
    expect(groups.map((g) => [g.syncRunId, g.fields.map((f) => f.field)])).toEqual([
      ['run-2', ['email']],
      ['run-1', ['name', 'website']],
      [null, ['phone']],
    ]);
  });

  test('the same run id from another app is another group', () => {
    expect(shape([fromRun('name', 'run-1', 0, 'xpm'), fromRun('email', 'run-1', 0, 'gusto')])).toHaveLength(2);
  });

  test('one person’s save is one group; their later save, or another person’s, another', () => {
    expect(shape([edited('name', 'Pat', 1), edited('email', 'Pat', 1), edited('phone', 'Pat', 2), edited('website', 'Sam', 1)])).toEqual([
      ['phone'],
      ['name', 'email'],
      ['website'],
    ]);
  });

  test('an undo run’s fields are a group marked as put back', () => {
    const [group] = groupFieldOrigins([{ ...fromRun('name', 'undo-1'), byUndo: true }]);
    expect(group).toMatchObject({ syncRunId: 'undo-1', byUndo: true });
    expect(groupFieldOrigins([fromRun('name', 'run-1')])[0]!.byUndo).toBe(false);
  });

  test('a group’s time is its latest field’s; none is empty', () => {
    const [group] = groupFieldOrigins([fromRun('name', 'run-1', 1), fromRun('email', 'run-1', 3)]);
    expect(group!.at).toEqual(at(3));
    expect(groupFieldOrigins([])).toEqual([]);
  });
});

describe('originFieldsText: fields the line’s run changed are counted (listed below), the others named', () => {
  test.each([
    [[{ label: 'Business number', changedHere: false }], 'Business number.'],
    [
      [
        { label: 'Name', changedHere: false },
        { label: 'Email', changedHere: false },
      ],
      'Name, Email.',
    ],
    [[{ label: 'Name', changedHere: true }], '1 field, changed as below.'],
    [
      [
        { label: 'Name', changedHere: true },
        { label: 'Email', changedHere: true },
      ],
      '2 fields, changed as below.',
    ],
    [
      [
        { label: 'Website', changedHere: false },
        { label: 'Name', changedHere: true },
        { label: 'Email', changedHere: true },
      ],
      'Website; and 2 more, changed as below.',
    ],
  ])('%j → %s', (fields, text) => {
    expect(originFieldsText(fields)).toBe(text);
  });
});
