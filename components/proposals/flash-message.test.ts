import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearFlash, FLASH_TTL_MS, peekFlash, setFlash } from './flash-message';

/** A minimal sessionStorage: the unit environment is Node, which has none. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

describe('the message carried from "Create proposal" to the proposal page', () => {
  beforeEach(() => {
    globalThis.sessionStorage = memoryStorage();
  });
  afterEach(() => {
    delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
  });

  test('survives several reads (a second mount still finds it) until cleared', () => {
    setFlash('p1', 'Proposal saved.', 1_000);
    expect(peekFlash('p1', 1_001)).toBe('Proposal saved.');
    expect(peekFlash('p1', 1_002)).toBe('Proposal saved.');
    clearFlash('p1');
    expect(peekFlash('p1', 1_003)).toBeNull();
  });

  test('belongs to one proposal', () => {
    setFlash('p1', 'Proposal saved.', 1_000);
    expect(peekFlash('p2', 1_001)).toBeNull();
  });

  test('is stale after its time to live, and never from the future', () => {
    setFlash('p1', 'Proposal saved.', 10_000);
    expect(peekFlash('p1', 10_000 + FLASH_TTL_MS)).toBe('Proposal saved.');
    expect(peekFlash('p1', 10_000 + FLASH_TTL_MS + 1)).toBeNull();
    expect(peekFlash('p1', 9_999)).toBeNull();
  });

  test.each([['not json'], ['"just text"'], ['{"text":1,"at":5}'], ['{"text":"x"}'], ['null']])('ignores a malformed entry: %s', (raw) => {
    sessionStorage.setItem('proposal-flash:p1', raw);
    expect(peekFlash('p1', 5)).toBeNull();
  });

  test('without storage nothing throws and nothing is carried', () => {
    delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
    expect(() => setFlash('p1', 'x')).not.toThrow();
    expect(peekFlash('p1')).toBeNull();
    expect(() => clearFlash('p1')).not.toThrow();
  });
});
