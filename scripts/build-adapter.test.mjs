import { afterEach, expect, test } from 'vitest';
import { withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import buildAdapter from './build-adapter.mjs';
import { COMPILE_HINT } from './compile-hints.mjs';
import { fakeBuild, removeFakeBuilds } from './fake-build.mjs';

/** After a build, every client chunk has its compile hint and the runtime yields before the bootstrap. */
afterEach(removeFakeBuilds);

test('the adapter hints every chunk and moves the runtime’s bootstrap to its own task', async () => {
  const runtime = 'async function f(t){if(await Promise.all(t.otherChunks.map(e=>T(e))),t.runtimeModuleIds.length>0)W(t)}';
  const { distDir, read } = fakeBuild({ 'static/chunks/turbopack-1.js': runtime, 'static/chunks/page.js': 'p()' });
  await buildAdapter.onBuildComplete({ distDir });
  expect(read('static/chunks/turbopack-1.js')).toBe(COMPILE_HINT + withBootstrapInOwnTask(runtime));
  expect(read('static/chunks/page.js')).toBe(`${COMPILE_HINT}p()`);
});
