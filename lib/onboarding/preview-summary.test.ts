import { describe, expect, test } from 'vitest';
import { previewSummaryText } from './preview-summary';

const NONE = { created: 0, linked: 0, updated: 0, suggested: 0, skipped: 0 };

describe('previewSummaryText: the wizard preview’s status line', () => {
  test.each([
    ['nothing to change', NONE, 'The first sync from Gusto would not change any client.'],
    ['one client created', { ...NONE, created: 1 }, 'The first sync from Gusto would create 1 client.'],
    ['two kinds of change', { ...NONE, created: 2, updated: 1 }, 'The first sync from Gusto would create 2 clients and update 1 client.'],
    [
      'every kind, with thousands',
      { ...NONE, created: 2360, linked: 3, updated: 12 },
      'The first sync from Gusto would create 2,360 clients, link 3 clients by name and update 12 clients.',
    ],
    [
      'possible duplicates and skipped records after the changes',
      { ...NONE, linked: 1, suggested: 2, skipped: 1 },
      'The first sync from Gusto would link 1 client by name. 2 possible duplicates to review later. It would skip 1 record.',
    ],
    ['skipped records alone still say nothing changes', { ...NONE, skipped: 3 }, 'The first sync from Gusto would not change any client. It would skip 3 records.'],
  ] as const)('%s', (_, figures, expected) => {
    expect(previewSummaryText('Gusto', figures)).toBe(expected);
  });
});
