import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { vocabulary } from '#domain';

/**
 * The web app takes its stages, states and enumerations from GET /api/meta:
 * no file in web/ (the vendored libraries aside) may list them itself. A
 * "list" is an array literal of strings, or an object literal whose values
 * are all strings (a label map), whose every entry is an id of one
 * vocabulary list, two or more of them; a single id in a comparison
 * (`plan.stage === 'closed'`) is fine, and so is a map that merely shares
 * some keys with a list (the agenda's resolutions: approve, reject, adopt…).
 */
const WEB = fileURLToPath(new URL('../../../web', import.meta.url));

function webFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'vendor' ? [] : webFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const v = vocabulary();
const ids = (list: { id: string }[]) => list.map((e) => e.id);
const LISTS: Record<string, string[]> = {
  stages: ids(v.plan.stages),
  'plan statuses': ids(v.plan.statuses),
  sections: ids(v.plan.sections),
  'project states': ids(v.project.states),
  'intervention kinds': ids(v.enums.interventionKinds),
  'funding sources': ids(v.enums.fundingSources),
  'the evidence scale': ids(v.enums.evidenceScale),
  'investment types': ids(v.enums.investmentTypes),
  recommendations: ids(v.enums.recommendations),
};

const stringValue = (node: ts.Node) => (ts.isStringLiteralLike(node) ? node.text : null);
const keyName = (name: ts.PropertyName) => (ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : null);

/** Every literal in the file that lists two or more ids of one vocabulary list, with its line. */
function hardCodedLists(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const judge = (node: ts.Node, names: (string | null)[]) => {
    if (names.length < 2 || names.some((n) => n === null)) return;
    for (const [list, members] of Object.entries(LISTS)) {
      const named = new Set(names.filter((n): n is string => n !== null && members.includes(n)));
      if (named.size >= 2 && names.every((n) => n !== null && members.includes(n))) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${name}:${line} lists ${list} (${[...named].join(', ')})`);
      }
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) judge(node, node.elements.map(stringValue));
    if (ts.isObjectLiteralExpression(node)) {
      const props = node.properties;
      const labelMap = props.every((p) => ts.isPropertyAssignment(p) && stringValue(p.initializer) !== null);
      if (labelMap)
        judge(
          node,
          props.map((p) => (ts.isPropertyAssignment(p) ? keyName(p.name) : null)),
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the web app and the vocabulary', () => {
  it('finds the lists it looks for (the check itself can fail)', () => {
    const sample = [
      "const ORDER = ['mapping', 'analysis', 'closed'];",
      "export const labels = { running: 'I gang', assessed: 'Vurderet' };",
      "if (plan.stage === 'closed') show(['mapping']);",
      "const resolutions = { approve: 'Godkendt', adopt: 'Forankret', scale: 'Skaleret', terminate: 'Afsluttet' };",
    ].join('\n');
    expect(hardCodedLists('sample.js', sample)).toEqual([
      'sample.js:1 lists stages (mapping, analysis, closed)',
      'sample.js:2 lists project states (running, assessed)',
    ]);
  });

  it.each(webFiles(WEB).map((f) => [f.slice(WEB.length + 1), f]))(
    '%s lists no stage, state or enum itself',
    (name, file) => {
      expect(hardCodedLists(name, readFileSync(file, 'utf8'))).toEqual([]);
    },
  );
});
