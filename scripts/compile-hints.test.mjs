import { afterEach, describe, expect, test } from 'vitest';
import { COMPILE_HINT, hintClientChunks, withCompileHint } from './compile-hints.mjs';
import { fakeBuild, removeFakeBuilds } from './fake-build.mjs';

/**
 * The build puts V8's compile hint on the first line of every client chunk (Chromium
 * honours it only there), once, and leaves everything else in the build alone.
 */
afterEach(removeFakeBuilds);

describe('withCompileHint', () => {
  test('puts the magic comment on its own first line, before the code', () => {
    expect(withCompileHint('(globalThis.TURBOPACK||[]).push([1])')).toBe('//# allFunctionsCalledOnLoad\n(globalThis.TURBOPACK||[]).push([1])');
  });

  test('a chunk that has it already is left as it is', () => {
    const once = withCompileHint('f()');
    expect(withCompileHint(once)).toBe(once);
  });
});

describe('hintClientChunks after a build', () => {
  test('marks every .js chunk under static/chunks, nested too, and nothing else', async () => {
    const { distDir, read } = fakeBuild({
      'static/chunks/a.js': 'a()',
      'static/chunks/app/b.js': 'b()',
      'static/chunks/styles.css': 'body{}',
      'static/BUILD/_buildManifest.js': 'self.m={}',
      'server/page.js': 'module.exports={}',
    });
    await hintClientChunks(distDir);
    expect(read('static/chunks/a.js')).toBe(`${COMPILE_HINT}a()`);
    expect(read('static/chunks/app/b.js')).toBe(`${COMPILE_HINT}b()`);
    expect(read('static/chunks/styles.css')).toBe('body{}');
    expect(read('static/BUILD/_buildManifest.js')).toBe('self.m={}');
    expect(read('server/page.js')).toBe('module.exports={}');
  });

  test('run twice over one build, each chunk still has one hint', async () => {
    const { distDir, read } = fakeBuild({ 'static/chunks/a.js': 'a()' });
    expect(await hintClientChunks(distDir)).toBe(1);
    expect(await hintClientChunks(distDir)).toBe(0);
    expect(read('static/chunks/a.js')).toBe(`${COMPILE_HINT}a()`);
  });
});
