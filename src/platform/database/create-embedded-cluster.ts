/**
 * A first start's child process: creates the embedded database in a new data directory, migrates and seeds it,
 * and exits (see `createEmbeddedCluster`). Arguments: the data directory, and `demo` to create the demo accounts.
 */
import { createRootLogger } from '../common/logger.js';
import { DataDirInUseError, IN_USE_EXIT_CODE, startEmbeddedPostgres } from './embedded-postgres.js';
import { prepareEmbeddedDatabase } from './prepare-database.js';

const [dataDir, demo] = process.argv.slice(2);
const logger = createRootLogger().child({ process: 'first-start' });
try {
  if (!dataDir) throw new Error('usage: create-embedded-cluster <data directory> [demo]');
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await prepareEmbeddedDatabase(embedded.url, demo === 'demo', logger);
  } finally {
    await embedded.stop();
  }
  process.exit(0);
} catch (err) {
  if (err instanceof DataDirInUseError) process.exit(IN_USE_EXIT_CODE);
  logger.error({ err }, `Could not create the embedded database in ${dataDir}`);
  process.exit(1);
}
