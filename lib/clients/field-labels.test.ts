import { expect, test } from 'vitest';
import { clientField } from '@/db/schema';
import { CLIENT_FIELD_LABELS, clientFieldLabel } from './field-labels';

test('every recorded client field has a label, and no two read alike', () => {
  expect(Object.keys(CLIENT_FIELD_LABELS).sort()).toEqual([...clientField.enumValues].sort());
  const labels = Object.values(CLIENT_FIELD_LABELS);
  expect(new Set(labels).size).toBe(labels.length);
});

test('address fields name their address; an unknown field reads as itself', () => {
  expect(clientFieldLabel('postalPostcode')).toBe('Postal address postcode');
  expect(clientFieldLabel('streetCity')).toBe('Street address city');
  expect(clientFieldLabel('favouriteColour')).toBe('favouriteColour');
});
