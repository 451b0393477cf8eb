import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const run = promisify(execFile);

/** The members of one schema in the generated types, by name: `name?: type`. */
function members(types: string, schema: string): Record<string, string> {
  const start = types.indexOf(`\n        ${schema}: {\n`);
  if (start < 0) throw new Error(`schema ${schema} not in the generated types`);
  const end = types.indexOf('\n        };', start);
  const out: Record<string, string> = {};
  for (const line of types.slice(start, end).split('\n').slice(2)) {
    const m = /^ {12}(\w+)(\??): (.+);$/.exec(line);
    if (m) out[m[1] + m[2]] = m[3];
  }
  return out;
}

/**
 * A client generated from /api/docs-json is how other systems talk to
 * Byløft: the document must say each property's real type and nullability,
 * and pass a standard linter (Redocly's recommended rules).
 */
describe('The OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let types = '';

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Json;
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/openapi.json', JSON.stringify(doc, null, 2));
    types = astToString(await openapiTS(doc as never));
    writeFileSync('test-artifacts/openapi.d.ts', types);
  });
  afterAll(async () => {
    await t.close();
  });

  it('describes no property as a bare object', () => {
    const bare: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      for (const [prop, p] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        const typed = p.type || p.$ref || p.allOf || p.oneOf || p.anyOf || p.enum;
        const object = p.type === 'object' && !p.properties && !p.additionalProperties && !p.allOf;
        if (!typed || object) bare.push(`${name}.${prop}`);
      }
    }
    expect(bare).toEqual([]);
    expect(types).not.toContain('Record<string, never> | null');
  });

  it('generates the real types of nullable properties', () => {
    expect(members(types, 'PlanDto')).toMatchObject({
      stageDueDate: 'string | null',
      submittedBy: 'string | null',
    });
    expect(members(types, 'TransitionDto')).toMatchObject({ comment: 'string | null', meetingId: 'string | null' });
    expect(members(types, 'PlanConditionDto')).toMatchObject({ closedAt: 'string | null' });
    const goal = Object.entries(members(types, 'GoalDto')).find(([k]) => k.startsWith('targetValue'));
    expect(goal?.[1]).toBe('number | null');
  });

  it("passes Redocly's recommended lint (npm run lint:api), security declared for the health endpoints", async () => {
    for (const path of ['/health/live', '/health/ready']) expect(doc.paths[path].get.security).toEqual([]);
    const lint = await run('npm', ['run', '--silent', 'lint:api', '--', 'test-artifacts/openapi.json'], {
      maxBuffer: 10 * 1024 * 1024,
    }).catch((err: { code: number; stdout: string; stderr: string }) => err);
    expect({ code: 'code' in lint ? lint.code : 0, out: `${lint.stdout}\n${lint.stderr}` }).toMatchObject({ code: 0 });
  }, 120_000);
});
