/**
 * Vitest setup: a statement handed to node-postgres while another runs on the same client
 * (Promise.all inside a PostgreSQL transaction) fails the test file. pg 8 only warns about
 * it (once per process, easy to miss in the log) and pg 9 will refuse it; db/concurrently.ts
 * runs such queries in turn on PostgreSQL and together on PGlite.
 */
process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && warning.message.includes('already executing a query')) {
    throw new Error(`node-postgres was handed a query while one was running on the same client: ${warning.message}`);
  }
});
