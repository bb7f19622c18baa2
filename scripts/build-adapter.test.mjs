import { afterEach, describe, expect, test } from 'vitest';
import { withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import buildAdapter, { prepareClientChunks } from './build-adapter.mjs';
import { COMPILE_HINT } from './compile-hints.mjs';
import { TURBOPACK_RUNTIME_EXCERPT, fakeBuild, removeFakeBuilds } from './fake-build.mjs';

/**
 * After a build, every client chunk has its compile hint and the runtime yields before the
 * bootstrap; nothing else in the build is touched, and a second run changes nothing.
 */
afterEach(removeFakeBuilds);

const RUNTIME = 'static/chunks/turbopack-abc.js';
const PREPARED_RUNTIME = COMPILE_HINT + withBootstrapInOwnTask(TURBOPACK_RUNTIME_EXCERPT);

describe('prepareClientChunks after a build', () => {
  test('marks every .js chunk under static/chunks, nested too, and nothing else', async () => {
    const { distDir, read } = fakeBuild({
      [RUNTIME]: TURBOPACK_RUNTIME_EXCERPT,
      'static/chunks/a.js': 'a()',
      'static/chunks/app/b.js': 'b()',
      'static/chunks/styles.css': 'body{}',
      'static/BUILD/_buildManifest.js': 'self.m={}',
      'server/page.js': 'module.exports={}',
    });
    await prepareClientChunks(distDir);
    expect(read('static/chunks/a.js')).toBe(`${COMPILE_HINT}a()`);
    expect(read('static/chunks/app/b.js')).toBe(`${COMPILE_HINT}b()`);
    expect(read('static/chunks/styles.css')).toBe('body{}');
    expect(read('static/BUILD/_buildManifest.js')).toBe('self.m={}');
    expect(read('server/page.js')).toBe('module.exports={}');
  });

  test('run twice over one build, each chunk still has one hint and the runtime one wait', async () => {
    const { distDir, read } = fakeBuild({ [RUNTIME]: TURBOPACK_RUNTIME_EXCERPT, 'static/chunks/a.js': 'a()' });
    expect(await prepareClientChunks(distDir)).toBe(2);
    expect(await prepareClientChunks(distDir)).toBe(0);
    expect(read('static/chunks/a.js')).toBe(`${COMPILE_HINT}a()`);
    expect(read(RUNTIME)).toBe(PREPARED_RUNTIME);
  });

  test('moves the bootstrap in the client runtime only: not in other chunks, not in the server’s', async () => {
    const { distDir, read } = fakeBuild({
      [RUNTIME]: TURBOPACK_RUNTIME_EXCERPT,
      'static/chunks/uses-the-word.js': 'x.runtimeModuleIds=[]',
      'server/chunks/ssr/runtime.js': TURBOPACK_RUNTIME_EXCERPT,
    });
    await prepareClientChunks(distDir);
    expect(read(RUNTIME)).toBe(PREPARED_RUNTIME);
    expect(read('static/chunks/uses-the-word.js')).toBe(`${COMPILE_HINT}x.runtimeModuleIds=[]`);
    expect(read('server/chunks/ssr/runtime.js')).toBe(TURBOPACK_RUNTIME_EXCERPT);
  });

  test('a build without a runtime of that shape fails, naming what to look at', async () => {
    const { distDir } = fakeBuild({ 'static/chunks/app.js': 'a()', 'static/chunks/turbopack-new.js': 'x.runtimeModuleIds.forEach(run)' });
    await expect(prepareClientChunks(distDir)).rejects.toThrow(/no client chunk has the Turbopack runtime shape/);
  });
});

test('the adapter prepares the chunks at the end of a build', async () => {
  const { distDir, read } = fakeBuild({ [RUNTIME]: TURBOPACK_RUNTIME_EXCERPT, 'static/chunks/page.js': 'p()' });
  await buildAdapter.onBuildComplete({ distDir });
  expect(read(RUNTIME)).toBe(PREPARED_RUNTIME);
  expect(read('static/chunks/page.js')).toBe(`${COMPILE_HINT}p()`);
});
