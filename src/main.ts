import { closeOnSignals, createApi, exitOnStartupError, prepare } from './bootstrap.js';

/**
 * The API. On the embedded default it also runs the queue workers in the
 * same process; with DATABASE_URL set, run `npm run start:worker` beside it
 * (RUN_WORKER=true runs both here too).
 */
await exitOnStartupError(async () => {
  const started = await prepare('api');
  const worker = started.embedded !== null || process.env.RUN_WORKER === 'true';
  const app = await createApi(started, { api: true, worker });
  closeOnSignals(app, started);
  await app.listen(started.config.env.PORT, process.env.HOST ?? '0.0.0.0');
  started.logger.info(
    `Byløft listening on ${await app.getUrl()} (web app at /, API under /api, docs at ` +
      `/api/docs)${worker ? ', workers in-process' : ''}`,
  );
});
