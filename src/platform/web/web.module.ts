import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWebAssetsHandler, locateProjectRoot } from './web-assets.js';

/**
 * Serves the browser app (web/) at `/`, beside the API under `/api`.
 * Registered when the module initialises: after the API's routes, before
 * Nest's not-found handler, so API paths never reach it. A worker process
 * (no HTTP) skips it.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('Web');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const root = locateProjectRoot();
    const webRoot = join(root, 'web');
    if (!existsSync(join(webRoot, 'index.html'))) {
      this.logger.warn(`No browser app at ${webRoot}; only the API is served.`);
      return;
    }
    adapter.use(createWebAssetsHandler({ webRoot, nodeModules: join(root, 'node_modules') }));
  }
}
