import { expect, test } from 'vitest';
import { formDataToObject } from './form-data';

function fd(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

test('dotted names become nested objects and arrays; action ids are dropped', () => {
  expect(
    formDataToObject(
      fd([
        ['name', 'Acme'],
        ['$ACTION_ID_abc', ''],
        ['contacts.0.name', 'Jo'],
        ['contacts.0.isPrimary', 'on'],
        ['contacts.1.name', 'Sam'],
        ['address.city', 'Sydney'],
      ]),
    ),
  ).toEqual({ name: 'Acme', contacts: [{ name: 'Jo', isPrimary: 'on' }, { name: 'Sam' }], address: { city: 'Sydney' } });
});

test('gaps left by removed rows are closed', () => {
  expect(
    formDataToObject(
      fd([
        ['contacts.0.name', 'A'],
        ['contacts.2.name', 'C'],
      ]),
    ),
  ).toEqual({ contacts: [{ name: 'A' }, { name: 'C' }] });
});

test('files are ignored', () => {
  const data = new FormData();
  data.append('upload', new Blob(['x']), 'x.txt');
  data.append('name', 'n');
  expect(formDataToObject(data)).toEqual({ name: 'n' });
});
