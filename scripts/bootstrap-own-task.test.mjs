import { describe, expect, test } from 'vitest';
import { YIELD_BEFORE_BOOTSTRAP, withBootstrapInOwnTask } from './bootstrap-own-task.mjs';
import { TURBOPACK_RUNTIME_EXCERPT } from './fake-build.mjs';

/**
 * The build makes Turbopack's runtime wait one task between the last chunk registering and the
 * page's entry modules being evaluated, and changes nothing else. Which files of a build it
 * changes: build-adapter.test.mjs.
 */

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
    expect(withBootstrapInOwnTask(TURBOPACK_RUNTIME_EXCERPT)).toBe(
      TURBOPACK_RUNTIME_EXCERPT.replace('T(o.Runtime,t,e)})),t.runtimeModuleIds', `T(o.Runtime,t,e)})),${YIELD_BEFORE_BOOTSTRAP},t.runtimeModuleIds`),
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
    const once = withBootstrapInOwnTask(TURBOPACK_RUNTIME_EXCERPT);
    expect(withBootstrapInOwnTask(once)).toBe(once);
  });

  test('anything else is not a runtime it changes: other code, different variables, the shape twice', () => {
    expect(withBootstrapInOwnTask('(globalThis.TURBOPACK||[]).push([1])')).toBeNull();
    expect(withBootstrapInOwnTask('if(await Promise.all(t.otherChunks.map(f)),u.runtimeModuleIds.length>0)g()')).toBeNull();
    expect(withBootstrapInOwnTask(`${RUNTIME_BODY};${RUNTIME_BODY}`)).toBeNull();
  });
});
