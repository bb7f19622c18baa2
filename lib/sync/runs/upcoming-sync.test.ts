import { describe, expect, test } from 'vitest';
import { describeUpcomingSync } from './upcoming-sync';

const none = { linked: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };

describe('describeUpcomingSync', () => {
  test.each([
    ['gusto', 'from_app', none, 'A sync from Gusto now would change no client.'],
    ['gusto', 'from_app', { ...none, updated: 1 }, 'A sync from Gusto now would update 1 client.'],
    [
      'gusto',
      'from_app',
      { ...none, linked: 3, updated: 12, unchanged: 2360 },
      'A sync from Gusto now would link 3 clients by exact name, update 12 clients and leave 2,360 clients as they are.',
    ],
    ['xpm', 'from_app', { ...none, unchanged: 1, skipped: 1, failed: 2 }, 'A sync from XPM now would leave 1 client as it is, skip 1 record and fail on 2 records.'],
    ['xpm', 'to_app', none, 'A sync to XPM now would send nothing.'],
    ['xpm', 'to_app', { ...none, updated: 5, unchanged: 1 }, 'A sync to XPM now would send 5 clients to XPM and leave 1 client already in step.'],
    ['xpm', 'to_app', { ...none, skipped: 2 }, 'A sync to XPM now would skip 2 clients.'],
  ] as const)('%s %s %o', (app, direction, counts, sentence) => {
    expect(describeUpcomingSync(app, direction, counts)).toBe(sentence);
  });
});
