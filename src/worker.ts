import { createWorker, prepare } from './bootstrap.js';

/** The queue worker process: deadlines, notifications and the outbox relay, no HTTP. */
const started = await prepare('worker');
if (started.embedded) {
  started.logger.error('The worker process needs DATABASE_URL: the embedded default runs the workers inside `npm start`.');
  process.exit(1);
}
await createWorker(started);
started.logger.info('Byløft worker running');
