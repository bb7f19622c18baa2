import { afterEach, describe, expect, test } from 'vitest';
import { YIELD_BEFORE_BOOTSTRAP, moveBootstrapToOwnTask, withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import { fakeBuild, removeFakeBuilds } from './fake-build.mjs';

/**
 * The build makes Turbopack's runtime wait one task between the last chunk registering and the
 * page's entry modules being evaluated, and changes nothing else.
 */

/** The runtime's own words, as `next build` (Next 16.4, Turbopack) minified them, around the change. */
const RUNTIME_EXCERPT =
  'e={async registerChunk(e,t){let r;if(null!=t){for(let e of t.otherChunks)J(B("string"==typeof e?e:e.path));' +
  'if(await Promise.all(t.otherChunks.map(e=>{var t;return t=r,T(o.Runtime,t,e)})),t.runtimeModuleIds.length>0)' +
  'for(let e of t.runtimeModuleIds)W(t,o.Runtime,e)}}}';

afterEach(removeFakeBuilds);

/**
 * A runtime cut down to the part that matters, built from `source`: registering the last chunk
 * resolves the wait, and the entry "runs" by being logged.
 */
function miniRuntime(source) {
  return new Function(
    'log',
    `let lastChunk;const T=()=>new Promise((resolve)=>{lastChunk=resolve});const o={};const r=0;const W=()=>log.push('entry');` +
      `return {registerRuntime:async function(t){${source}},registerLastChunk:()=>lastChunk()};`,
  );
}
const RUNTIME_BODY = 'if(await Promise.all(t.otherChunks.map(e=>{var t;return t=r,T(o.Runtime,t,e)})),t.runtimeModuleIds.length>0)for(let e of t.runtimeModuleIds)W(t,o.Runtime,e)';
const microtasksDrained = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
const oneTaskLater = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('withBootstrapInOwnTask', () => {
  test('puts the wait for a task between the wait for the chunks and the entry modules', () => {
    expect(withBootstrapInOwnTask(RUNTIME_EXCERPT)).toBe(
      RUNTIME_EXCERPT.replace('T(o.Runtime,t,e)})),t.runtimeModuleIds', `T(o.Runtime,t,e)})),${YIELD_BEFORE_BOOTSTRAP},t.runtimeModuleIds`),
    );
  });

  test('unchanged, the entry runs in the task that registered the last chunk; changed, in a later one', async () => {
    for (const [source, inSameTask] of [
      [RUNTIME_BODY, true],
      [withBootstrapInOwnTask(RUNTIME_BODY), false],
    ]) {
      const log = [];
      const runtime = miniRuntime(source)(log);
      void runtime.registerRuntime({ otherChunks: ['a.js'], runtimeModuleIds: [1] });
      runtime.registerLastChunk();
      await microtasksDrained(); // what the browser runs before the task ends
      expect(log, source).toEqual(inSameTask ? ['entry'] : []);
      await oneTaskLater();
      expect(log, source).toEqual(['entry']);
    }
  });

  test('a runtime changed already is left as it is', () => {
    const once = withBootstrapInOwnTask(RUNTIME_EXCERPT);
    expect(withBootstrapInOwnTask(once)).toBe(once);
  });

  test('anything else is not a runtime it changes: other code, different variables, the shape twice', () => {
    expect(withBootstrapInOwnTask('(globalThis.TURBOPACK||[]).push([1])')).toBeNull();
    expect(withBootstrapInOwnTask('if(await Promise.all(t.otherChunks.map(f)),u.runtimeModuleIds.length>0)g()')).toBeNull();
    expect(withBootstrapInOwnTask(`${RUNTIME_BODY};${RUNTIME_BODY}`)).toBeNull();
  });
});

describe('moveBootstrapToOwnTask after a build', () => {
  test('changes the runtime chunk, once, and no other file', async () => {
    const { distDir, read } = fakeBuild({
      'static/chunks/turbopack-abc.js': RUNTIME_EXCERPT,
      'static/chunks/app.js': 'a()',
      'static/chunks/uses-the-word.js': 'x.runtimeModuleIds=[]',
      'server/chunks/ssr/runtime.js': RUNTIME_EXCERPT,
    });
    expect(await moveBootstrapToOwnTask(distDir)).toBe(1);
    expect(read('static/chunks/turbopack-abc.js')).toBe(withBootstrapInOwnTask(RUNTIME_EXCERPT));
    expect(read('static/chunks/app.js')).toBe('a()');
    expect(read('static/chunks/uses-the-word.js')).toBe('x.runtimeModuleIds=[]');
    expect(read('server/chunks/ssr/runtime.js')).toBe(RUNTIME_EXCERPT);
    expect(await moveBootstrapToOwnTask(distDir)).toBe(0);
  });

  test('a build without a runtime of that shape fails, naming what to look at', async () => {
    const { distDir } = fakeBuild({ 'static/chunks/app.js': 'a()', 'static/chunks/turbopack-new.js': 'x.runtimeModuleIds.forEach(run)' });
    await expect(moveBootstrapToOwnTask(distDir)).rejects.toThrow(/no client chunk has the Turbopack runtime shape/);
  });
});
