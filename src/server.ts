// Process entry: load config, build the app, listen; on SIGTERM/SIGINT stop accepting, let
// in-flight requests finish, close the database.
import fs from 'node:fs';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  fs.mkdirSync(config.paths.dataDir, { recursive: true, mode: 0o700 });
  const app = await buildApp(config);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err) => {
  console.error('daicho failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
