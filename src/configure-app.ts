import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { jsonDepthLimit } from './platform/common/input-guard.js';
import { ProblemDto } from './platform/common/openapi.js';
import { requestLogging } from './platform/common/request-logging.js';
import { trustProxySetting, type RuntimeConfig } from './platform/config/app-config.js';
import { securityHeaders } from './platform/security/security-headers.js';

/** HTTP set-up shared by main.ts and the e2e tests, so tests get what production gets. */
export function configureApp(app: INestApplication, config: RuntimeConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // Whose X-Forwarded-For names the client (the sign-in limit and lock count by it): TRUST_PROXY, validated at start.
  express.set('trust proxy', trustProxySetting(config.env.TRUST_PROXY));
  express.use(securityHeaders(config.env.PUBLIC_URL));
  express.use(requestLogging(logger));
  express.useBodyParser('json', { limit: config.env.BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.env.BODY_LIMIT, extended: false });
  express.use(jsonDepthLimit());
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });

  // Built on the first request for it, not at every start: it walks every controller and DTO, which took more than
  // half of an app's start (1.2–2 s of 2–3 s on a loaded machine, in every e2e file's boot as in production's).
  const document = () => {
    const built = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Byløft API')
        .setDescription(
          'Development plans for deprived urban areas (udviklingsplaner for udsatte byområder). ' +
            'Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
            'Each operation lists the roles that may call it under `x-roles`.',
        )
        .setVersion('1')
        .addServer('/', 'This Byløft (the address the document was read from)')
        .addBearerAuth()
        .build(),
      { extraModels: [ProblemDto] },
    );
    declarePublicSecurity(built);
    return built;
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * An operation open to anyone (x-roles: anyone, e.g. the health checks) says
 * so with an empty `security`, as OpenAPI has it, instead of saying nothing.
 */
function declarePublicSecurity(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { 'x-roles'?: unknown; security?: unknown }[]) {
      if (op && typeof op === 'object' && Array.isArray(op['x-roles']) && op['x-roles'].includes('anyone'))
        op.security ??= [];
    }
  }
}
