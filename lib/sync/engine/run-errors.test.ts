import { describe, expect, test } from 'vitest';
import type { RunErrorInput } from '@/lib/commands/sync-runs';
import { unrecordedErrors } from './run-errors';

const ofRecord = (externalId: string, message = 'Missing name'): RunErrorInput => ({ externalId, recordName: null, message, detail: `record ${externalId}: ${message}` });
const idless = (message: string, detail: string | null = message): RunErrorInput => ({ externalId: null, recordName: null, message, detail });

describe('unrecordedErrors: what a run reading again has not recorded yet', () => {
  test('nothing recorded: every error is new', () => {
    const errors = [ofRecord('a'), idless('A record came without an id')];
    expect(unrecordedErrors([], errors)).toEqual(errors);
  });

  test("a record's error is known by its external id, whatever its words now", () => {
    expect(unrecordedErrors([ofRecord('a', 'Missing name')], [ofRecord('a', 'Bad email'), ofRecord('b')])).toEqual([ofRecord('b')]);
  });

  test('an error without an id is known by its words, once per time it was recorded', () => {
    const same = idless('A record came without an id');
    expect(unrecordedErrors([same], [same])).toEqual([]);
    expect(unrecordedErrors([same, same], [same, same])).toEqual([]);
    // A third such record in the second read is new.
    expect(unrecordedErrors([same, same], [same, same, same])).toEqual([same]);
  });

  test('an id-less error with other words, or other detail, is new', () => {
    const recorded = [idless('A record came without an id', 'page 1')];
    expect(unrecordedErrors(recorded, [idless('A record came without an id', 'page 2')])).toEqual([idless('A record came without an id', 'page 2')]);
    expect(unrecordedErrors(recorded, [idless('Another problem', 'page 1')])).toEqual([idless('Another problem', 'page 1')]);
    expect(unrecordedErrors([idless('x', null)], [idless('x', null), idless('x', 'x')])).toEqual([idless('x', 'x')]);
  });

  test('an id-less error with another name is new', () => {
    const named = (recordName: string) => ({ ...idless('Missing id'), recordName });
    expect(unrecordedErrors([named('Acme')], [named('Acme'), named('Beta')])).toEqual([named('Beta')]);
  });

  test("an id-less error is not taken for a record's error with the same words, nor the other way", () => {
    const words = 'Missing name';
    expect(unrecordedErrors([ofRecord('a', words)], [idless(words, 'record a: Missing name')])).toHaveLength(1);
    expect(unrecordedErrors([idless(words, 'record a: Missing name')], [ofRecord('a', words)])).toHaveLength(1);
  });
});
