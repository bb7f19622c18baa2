import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import buildAdapter from './build-adapter.mjs';
import { COMPILE_HINT } from './compile-hints.mjs';

/** After a build, every client chunk has its compile hint and the runtime yields before the bootstrap. */
let distDir;
afterEach(() => rmSync(distDir, { recursive: true, force: true }));

test('the adapter hints every chunk and moves the runtime’s bootstrap to its own task', async () => {
  const runtime = 'async function f(t){if(await Promise.all(t.otherChunks.map(e=>T(e))),t.runtimeModuleIds.length>0)W(t)}';
  distDir = mkdtempSync(path.join(tmpdir(), 'build-adapter-'));
  mkdirSync(path.join(distDir, 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(distDir, 'static', 'chunks', 'turbopack-1.js'), runtime);
  writeFileSync(path.join(distDir, 'static', 'chunks', 'page.js'), 'p()');
  await buildAdapter.onBuildComplete({ distDir });
  const read = (file) => readFileSync(path.join(distDir, 'static', 'chunks', file), 'utf8');
  expect(read('turbopack-1.js')).toBe(COMPILE_HINT + withBootstrapInOwnTask(runtime));
  expect(read('page.js')).toBe(`${COMPILE_HINT}p()`);
});
