// `node --require ./scripts/compile-cache-preload.cjs node_modules/next/dist/bin/next start`
// (scripts/lib.mjs COMPILE_CACHE_PRELOAD): the server's code from .next/server and Next itself is
// compiled once per build and then read back at every start (scripts/compile-cache.cjs).
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { installCompileCache } = require('./compile-cache.cjs');

const root = path.resolve(__dirname, '..');

function buildId() {
  try {
    return readFileSync(path.join(root, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'no-build';
  }
}

installCompileCache({
  trees: [path.join(root, '.next', 'server'), path.join(root, 'node_modules', 'next')],
  cacheDir: path.join(root, '.next', 'cache', 'compile'),
  generation: buildId(),
  // By then the first pages have been asked for and rendered, so the functions they ran are saved compiled.
  saveAfterMs: 20_000,
});
