// Runs once per server process before it accepts requests: migrations, vault key, policies, admin user; then
// the runtime, and the /v1 listener handed to the production server (scripts/server.mjs).
export async function register() {
  // Next inlines NEXT_RUNTIME, so the edge compilation drops this block and its Node-only code.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    try {
      const { startServer } = await import('./lib/server/start-server');
      await startServer();
    } catch (error) {
      // A server without its schema, key or policies would fail every request; stopping says why at once.
      const { processLogger } = await import('./lib/log');
      processLogger.error({ err: error }, 'start-up failed');
      process.exit(1);
    }
  }
}
