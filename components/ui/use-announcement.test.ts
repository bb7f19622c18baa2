import { describe, expect, test } from 'vitest';
import { nextAnnouncement } from './use-announcement';

describe('nextAnnouncement: a live region text that changes whenever something is said', () => {
  test('a new message is put as it is', () => {
    expect(nextAnnouncement('', 'Contact 1 added.')).toBe('Contact 1 added.');
    expect(nextAnnouncement('Contact 1 added.', 'Contact 2 added.')).toBe('Contact 2 added.');
  });

  test('the same message twice differs from the last text, so it is heard again', () => {
    const first = nextAnnouncement('', 'Contact 2 removed.');
    const second = nextAnnouncement(first, 'Contact 2 removed.');
    const third = nextAnnouncement(second, 'Contact 2 removed.');
    expect(second).not.toBe(first);
    expect(third).not.toBe(second);
    // What is shown and read is the same words: only a non-breaking space is added.
    expect(second.trim()).toBe('Contact 2 removed.');
    expect(third).toBe(first);
  });

  test('after a repeat, another message is put as it is', () => {
    expect(nextAnnouncement('Line 3 removed.\u00a0', 'Line 2 removed.')).toBe('Line 2 removed.');
  });
});
