/**
 * The cost limit's parts that no answer shows: how deep an operation nests (counted without
 * recursion, fragments followed), and what the plugin and the reference data keep of a caller's
 * text between requests (nothing overlong).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getOperationAST, parse } from 'graphql';
import { complexityLimitPlugin, operationDepth } from '../src/complexity';
import { getSchema } from '../src/schema';
import { ReferenceData } from '../src/services/reference-data';
import { openTestDatabase, OpenTestDatabase } from './support/database';

const depth = (text: string, limit?: number): number => {
  const document = parse(text);
  return operationDepth(document, getOperationAST(document)!, limit);
};

describe('operationDepth', () => {
  test('a field\'s selection, an inline fragment and a spread fragment each open a level', () => {
    assert.equal(depth('{ a }'), 1);
    assert.equal(depth('{ a { b { c } } d }'), 3);
    assert.equal(depth('{ ... on Query { a { b } } }'), 3);
    assert.equal(depth('{ a { ...F } } fragment F on A { b { c } }'), 4);
  });

  test('counting stops past the limit, and a fragment spread many times is walked once per level', () => {
    assert.equal(depth(`{ ${'a { '.repeat(100)}b${' }'.repeat(100)} }`, 50), 51);
    // 2^40 paths through F0..F39 if each spread were walked again.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on A { ${i < 39 ? `x: b { ...F${i + 1} } y: b { ...F${i + 1} }` : 'c'} }`).join(' ');
    const started = Date.now();
    assert.equal(depth(`{ a { ...F0 } } ${fragments}`, 1000), 3 + 39 * 2);
    assert.ok(Date.now() - started < 1000, 'walked once per level');
  });
});

describe('what is kept of a caller\'s text', () => {
  let db: OpenTestDatabase;
  let reference: ReferenceData;
  before(async () => {
    db = await openTestDatabase();
    reference = await ReferenceData.load(db.dataSource);
  });
  after(() => db?.close());

  test('a search longer than any indicator\'s name or id matches none, and is not kept', () => {
    const searches = (reference as unknown as { searches: Map<string, unknown> }).searches;
    assert.ok(reference.searchIndicators('crime').length > 0);
    const kept = searches.size;
    assert.deepEqual(reference.searchIndicators(`crime${'x'.repeat(100_000)}`), []);
    assert.equal(searches.size, kept);
  });

  test('an operation\'s cost is kept per variables, but not for variables too long to keep', async () => {
    const schema = await getSchema();
    const plugin = complexityLimitPlugin(schema, { maxComplexity: 100_000, maxPageSize: 100 });
    const query = 'query($search: String) { indicators(search: $search) { totalCount } }';
    const document = parse(query);
    let searches = 0;
    const counting = Object.create(reference, { searchIndicators: { value: (text: string) => (searches++, reference.searchIndicators(text)) } }) as ReferenceData;
    const estimate = async (search: string): Promise<void> => {
      const listener = await plugin.requestDidStart!({} as never);
      await listener!.didResolveOperation!({ request: { query, variables: { search } }, document, operation: getOperationAST(document)!, contextValue: { reference: counting } } as never);
    };
    await estimate('crime');
    await estimate('crime');
    assert.equal(searches, 1, 'estimated once, then kept');
    const long = 'y'.repeat(10_000);
    await estimate(long);
    await estimate(long);
    assert.equal(searches, 3, 'estimated each time, not kept');
  });
});
