/** Runs once when the server starts; the Node-only part lives in instrumentation-node.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerShutdown, registerLogRedaction } = await import('./instrumentation-node');
    registerLogRedaction();
    registerShutdown();
  }
}
