/**
 * The layers a newcomer can see: src/analysis is pure (no database, no GraphQL); src/services
 * returns plain domain objects and imports nothing from the GraphQL layer; src/loaders only batch.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports, as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)]
    .map((match) => match[1] ?? match[2] ?? match[3]);
}

function violations(folder: string, forbidden: RegExp): string[] {
  return sources(join(PROJECT_ROOT, 'src', folder)).flatMap((file) =>
    importsOf(file).filter((specifier) => forbidden.test(specifier)).map((specifier) => `${relative(PROJECT_ROOT, file)} imports ${specifier}`));
}

describe('layers', () => {
  test('src/services imports nothing from src/resolvers, type-graphql, graphql or Apollo', () => {
    assert.deepEqual(violations('services', /(^|\/)resolvers(\/|$)|^type-graphql|^graphql|^@apollo\//), []);
  });

  test('src/analysis imports neither the database nor GraphQL, nor anything outside src/analysis', () => {
    assert.deepEqual(violations('analysis', /^typeorm|^type-graphql|^graphql|^@apollo\/|^\.\.\//), []);
  });

  test('src/loaders imports nothing from the GraphQL layer', () => {
    assert.deepEqual(violations('loaders', /(^|\/)resolvers(\/|$)|^type-graphql|^graphql/), []);
  });

  test('the check can fail: it sees an import of the GraphQL layer', () => {
    const file = join(PROJECT_ROOT, 'src', 'resolvers', 'indicator.resolver.ts');
    assert.ok(importsOf(file).includes('type-graphql'));
    assert.ok(importsOf(file).includes('../context'));
  });

  test('src/auth imports nothing from the GraphQL layer', () => {
    assert.deepEqual(violations('auth', /(^|\/)resolvers(\/|$)|^type-graphql|^graphql|^@apollo\//), []);
  });

  test('each enum is listed once: src/entities and src/resolvers register the domain\'s (src/analysis) and the roles (src/auth), and declare none of their own', () => {
    const declared = [...sources(join(PROJECT_ROOT, 'src'))].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/export\s+(?:const\s+)?enum\s+(\w+)|export const (\w+) = enumOf\(/g)].map((m) => `${m[1] ?? m[2]} in ${relative(PROJECT_ROOT, file)}`));
    assert.deepEqual(declared.filter((d) => !/ in src\/(analysis|auth)\//.test(d)), []);
    assert.ok(declared.some((d) => d.startsWith('Direction in src/analysis/')));
  });
});
