/**
 * The Next build adapter (next.config.mjs `adapterPath`): runs at the end of every `next build`
 * and prepares the client chunks for a fast first load (README "Performance"): each chunk gets
 * V8's compile hint (compile-hints.mjs), then the runtime evaluates the page's entry modules in
 * a task of their own (bootstrap-own-task.mjs). The order does not matter; each step is done
 * once however often it runs over the same build.
 */
import { moveBootstrapToOwnTask } from './bootstrap-own-task.mjs';
import { hintClientChunks } from './compile-hints.mjs';

/** @type {import('next').NextAdapter} */
const buildAdapter = {
  name: 'client-chunks',
  async onBuildComplete({ distDir }) {
    await hintClientChunks(distDir);
    await moveBootstrapToOwnTask(distDir);
  },
};

export default buildAdapter;
