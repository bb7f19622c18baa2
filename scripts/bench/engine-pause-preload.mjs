/**
 * Preloaded into `next start` by `BENCH_ENGINE_PAUSE_MS=<ms> npm run bench:during-sync`: an
 * experiment, not a fix. The engine yields between batches with one `setImmediate`; this makes
 * the engine's (and only the engine's: its chunk is named by BENCH_ENGINE_CHUNK) wait
 * `<ms>` instead, to measure what pausing between batches would do for the app's requests
 * without editing lib/sync/engine.
 */
const chunk = process.env.BENCH_ENGINE_CHUNK;
const pauseMs = Number(process.env.BENCH_ENGINE_PAUSE_MS);
const realSetImmediate = globalThis.setImmediate;
if (chunk && Number.isFinite(pauseMs)) {
  const patched = function setImmediate(callback, ...args) {
    if (new Error().stack?.includes(chunk)) return setTimeout(callback, pauseMs, ...args);
    return realSetImmediate(callback, ...args);
  };
  globalThis.setImmediate = Object.assign(patched, realSetImmediate);
}
