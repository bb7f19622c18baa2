/**
 * The Next build adapter (next.config.mjs `adapterPath`): runs at the end of every `next build`
 * and prepares the client chunks for a fast first load (README "Performance"): each chunk gets
 * V8's compile hint (compile-hints.mjs), and the runtime evaluates the page's entry modules in
 * a task of their own (bootstrap-own-task.mjs). Each chunk is read and written once; running it
 * again over the same build changes nothing.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import { withCompileHint } from './compile-hints.mjs';

/**
 * Both changes to every `.js` file under `<distDir>/static/chunks`; returns how many files it
 * changed. Throws when no chunk is a Turbopack runtime whose bootstrap it can move.
 */
export async function prepareClientChunks(distDir) {
  const chunks = path.join(distDir, 'static', 'chunks');
  const files = (await readdir(chunks, { recursive: true })).filter((file) => file.endsWith('.js'));
  let runtimes = 0;
  let changed = 0;
  for (const file of files) {
    const source = await readFile(path.join(chunks, file), 'utf8');
    let prepared = withCompileHint(source);
    // Only the runtime names runtimeModuleIds: the other chunks skip the regular expression.
    const moved = prepared.includes('runtimeModuleIds') ? withBootstrapInOwnTask(prepared) : null;
    if (moved !== null) {
      runtimes++;
      prepared = moved;
    }
    if (prepared === source) continue;
    await writeFile(path.join(chunks, file), prepared);
    changed++;
  }
  if (runtimes === 0) {
    throw new Error(
      'scripts/bootstrap-own-task.mjs: no client chunk has the Turbopack runtime shape it changes ' +
        '(`await Promise.all(x.otherChunks.map(…)),x.runtimeModuleIds.length>0`). Has Next changed its runtime? ' +
        'Find where the runtime now evaluates the entry modules after the last chunk registers and update the pattern.',
    );
  }
  return changed;
}

/** @type {import('next').NextAdapter} */
const buildAdapter = {
  name: 'client-chunks',
  async onBuildComplete({ distDir }) {
    await prepareClientChunks(distDir);
  },
};

export default buildAdapter;
