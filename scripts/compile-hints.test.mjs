import { describe, expect, test } from 'vitest';
import { withCompileHint } from './compile-hints.mjs';

/**
 * V8's compile hint goes on a chunk's first line (Chromium honours it only there), once. Which
 * files of a build get it: build-adapter.test.mjs.
 */
describe('withCompileHint', () => {
  test('puts the magic comment on its own first line, before the code', () => {
    expect(withCompileHint('(globalThis.TURBOPACK||[]).push([1])')).toBe('//# allFunctionsCalledOnLoad\n(globalThis.TURBOPACK||[]).push([1])');
  });

  test('a chunk that has it already is left as it is', () => {
    const once = withCompileHint('f()');
    expect(withCompileHint(once)).toBe(once);
  });
});
