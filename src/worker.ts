import { closeOnSignals, createWorker, exitOnStartupError, prepare } from './bootstrap.js';

/** The queue worker process: deadlines, notifications, imports, reports and the outbox relay; no HTTP. */
await exitOnStartupError(async () => {
  const started = await prepare('worker');
  if (started.embedded) {
    started.logger.error(
      'The worker process needs DATABASE_URL: the embedded default runs the workers inside `npm start`.',
    );
    process.exit(1);
  }
  closeOnSignals(await createWorker(started), started);
  started.logger.info('Byløft worker running');
});
