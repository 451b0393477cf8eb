import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { validateEnvironment } from './app-config.js';

/**
 * docker-compose.yml and the Dockerfile cannot be run on our machines (no
 * Docker engine), so what can be checked is checked here: that the images,
 * ports, variables and commands they name are the ones the app really uses.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;
const appServices = ['migrate', 'api', 'worker'] as const;

/** A secret as an operator makes one (openssl rand -base64 48). */
const OPERATOR_SECRET = 'kq3Zr9Vd0mXo5bP8tLwE2yNcJ7gHsA1fUeR4iQ6vTzK0nWbY3xMdSa9lCp5oGh2j';

/**
 * The environment as docker compose resolves it: `${VAR:-default}` with VAR
 * unset, and `${VAR:?message}` (required) with the value an operator exported.
 */
const resolved = (env: Record<string, string>, exported: Record<string, string> = { JWT_SECRET: OPERATOR_SECRET }) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
        .replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_m, name: string) => exported[name] ?? ''),
    ]),
  );

describe('docker-compose.yml and the Dockerfile', () => {
  it('runs PostgreSQL 16 with a named volume and Redis 7, each with a health check', () => {
    // Pinned to a minor version, so a rebuild does not move to another release unseen.
    expect(services.postgres.image).toMatch(/^postgres:16\.\d+(-[a-z]+)?$/);
    expect(services.redis.image).toMatch(/^redis:7\.\d+(-[a-z]+)?$/);
    const [volume] = (services.postgres.volumes ?? [])[0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(services.postgres.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
    expect(services.redis.healthcheck?.test?.join(' ')).toMatch(/redis-cli.*ping/);
  });

  it('keeps Redis data in a named volume with append-only persistence', () => {
    expect(services.redis.command?.join(' ')).toMatch(/--appendonly yes/);
    const mount = (services.redis.volumes ?? []).find((v) => v.endsWith(':/data'));
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain(mount!.split(':')[0]);
  });

  it('requires JWT_SECRET from the operator, with no default that would start the API', () => {
    const raw = parse(read('docker-compose.yml'), { merge: true }) as { 'x-app-env': Record<string, string> };
    expect(raw['x-app-env'].JWT_SECRET).toBe('${JWT_SECRET:?set JWT_SECRET}');
    for (const name of appServices) expect(services[name].environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(read('docker-compose.yml')).not.toMatch(/change-me/);
  });

  it('restarts the API and the worker, and gives the worker no HTTP check it cannot pass', () => {
    expect(services.api.restart).toBe('unless-stopped');
    expect(services.worker.restart).toBe('unless-stopped');
    // The Dockerfile's HEALTHCHECK asks /health/live over HTTP: only the API serves it.
    expect(read('Dockerfile')).toMatch(/HEALTHCHECK .*\/health\/live/);
    const worker = services.worker.healthcheck;
    expect(worker?.disable === true || !(worker?.test ?? []).join(' ').includes('http')).toBe(true);
    expect(services.migrate.healthcheck?.disable).toBe(true);
  });

  it('builds on the current Node.js LTS (24), pinned to a minor version, while package.json keeps Node 20.19+', () => {
    const froms = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const image of froms) expect(image).toMatch(/^node:24\.\d+-/);
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it("starts the app's real entry points, built from the repository's Dockerfile", () => {
    for (const name of appServices) {
      const service = services[name];
      expect({ name, build: service.build }).toEqual({ name, build: '.' });
      const scripts = service.command!.join(' ').match(/dist\/[\w/.-]+\.js/g) ?? [];
      expect({ name, scripts: scripts.length > 0 }).toEqual({ name, scripts: true });
      for (const script of scripts)
        expect({
          script,
          source: existsSync(`${root}${script.replace(/^dist\//, '').replace(/\.js$/, '.ts')}`),
        }).toEqual({ script, source: true });
    }
    expect(services.migrate.command!.join(' ')).toMatch(/dist\/src\/cli\/migrate\.js run.*dist\/src\/cli\/seed\.js/);
    expect(services.api.command).toEqual(['node', 'dist/src/main.js']);
    expect(services.worker.command).toEqual(['node', 'dist/src/worker.js']);
    expect(services.api.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.worker.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/web \.\/web/); // the web app is served from web/
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/main\.js"\]/);
  });

  it('gives the app only variables it knows, and valid ones: a production configuration on PostgreSQL and Redis', () => {
    const source = read('src/platform/config/app-config.ts');
    for (const name of appServices) {
      const env = resolved(services[name].environment ?? {});
      for (const key of Object.keys(env))
        expect({ name, key, known: new RegExp(`^\\s+${key}[?!]?:`, 'm').test(source) }).toEqual({
          name,
          key,
          known: true,
        });
      const config = validateEnvironment(env);
      expect(config.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(config.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('publishes the port the API listens on, and checks the readiness endpoint the app serves', () => {
    const api = services.api;
    const port = validateEnvironment(resolved(api.environment ?? {})).PORT;
    expect(api.ports).toContain(`${port}:${port}`);
    expect(api.healthcheck!.test!.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    const health = read('src/platform/health/health.controller.ts');
    expect(health).toMatch(/@Controller\('health'\)/);
    expect(health).toMatch(/@Get\('ready'\)/);
  });

  it('runs the API and worker as a role of their own, the migrations as the owner, and creates both roles', () => {
    const user = (url: string | undefined) => (url ? decodeURIComponent(new URL(url).username) : undefined);
    const migrate = validateEnvironment(resolved(services.migrate.environment ?? {}));
    const owner = user(migrate.MIGRATION_DATABASE_URL);
    expect(owner).toBe('byloeft_owner');
    for (const name of ['api', 'worker', 'migrate'] as const) {
      const env = validateEnvironment(resolved(services[name].environment ?? {}));
      expect({ name, user: user(env.DATABASE_URL) }).toEqual({ name, user: 'byloeft_app' });
    }
    for (const name of ['api', 'worker'] as const) {
      expect(Object.keys(services[name].environment ?? {})).not.toContain('MIGRATION_DATABASE_URL');
    }
    const init = read('docker/postgres-init/01-byloeft-roles.sh');
    expect(init).toMatch(/CREATE ROLE byloeft_owner LOGIN/);
    expect(init).toMatch(/CREATE ROLE byloeft_app LOGIN/);
    expect(init).toMatch(/CREATE DATABASE byloeft OWNER byloeft_owner/);
    expect(services.postgres.volumes).toContain('./docker/postgres-init:/docker-entrypoint-initdb.d:ro');
  });
});
