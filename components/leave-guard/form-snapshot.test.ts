import { describe, expect, test } from 'vitest';
import { formSnapshot } from './form-snapshot';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('formSnapshot', () => {
  const saved: [string, string][] = [
    ['version', '3'],
    ['name', 'Harbour Dental'],
    ['tradingName', ''],
    ['contacts.0.id', 'c1'],
    ['contacts.0.name', 'Ana'],
  ];

  test.each<[string, [string, string][], boolean]>([
    ['the same values', saved, true],
    ['only the ignored version changed', saved.map(([n, v]) => [n, n === 'version' ? '4' : v]), true],
    ['a field typed into', saved.map(([n, v]) => [n, n === 'tradingName' ? 'HD' : v]), false],
    ['a field emptied', saved.map(([n, v]) => [n, n === 'name' ? '' : v]), false],
    ['a contact added', [...saved, ['contacts.1.id', ''], ['contacts.1.name', '']], false],
    ['a contact removed', saved.slice(0, 3), false],
    ['a checkbox ticked (present only when ticked)', [...saved, ['contacts.0.isPrimary', 'on']], false],
  ])('%s: same snapshot is %s', (_case, now, same) => {
    expect(formSnapshot(form(now), ['version']) === formSnapshot(form(saved), ['version'])).toBe(same);
  });

  test('only the names given are ignored', () => {
    expect(formSnapshot(form([['version', '3']]))).not.toBe(formSnapshot(form([['version', '4']])));
  });
});
