/** See dal-preload.mjs: what the DAL imports from next/navigation, never called by the benchmark. */
function unused(name) {
  return () => {
    throw new Error(`${name} is not available in the dashboard benchmark`);
  };
}
export const redirect = unused('redirect');
export const notFound = unused('notFound');
export const RedirectType = { push: 'push', replace: 'replace' };
