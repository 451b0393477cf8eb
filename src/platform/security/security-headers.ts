import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response, the API's and /api/docs included
 * (helmet: nosniff, frame-ancestors and X-Frame-Options, a referrer policy,
 * cross-origin policies). The browser app's index.html sets a stricter CSP
 * of its own on top (hashes of its inline import map). HSTS only where the
 * request came over TLS (directly or through a trusted proxy) or PUBLIC_URL
 * is https: sent over plain HTTP it would only confuse a local start.
 */
export function securityHeaders(publicUrl: string | undefined) {
  const alwaysTls = publicUrl?.startsWith('https://') ?? false;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI (/api/docs) sets styles inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return (req: Request, res: Response, next: NextFunction) => {
    headers(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.secure || alwaysTls) return hsts(req, res, next);
      next();
    });
  };
}
