/**
 * A security corpus, generated from the schema: every argument of every field that takes one
 * (Query, Mutation, and the object types reachable from Query, each reached by its shortest path)
 * and every field of their input types is sent hostile strings (SQL, overlong, control characters,
 * RTL override, NUL, a lone surrogate) where it takes a String or an ID, extreme numbers where it
 * takes a number, and wrong types (an object for a scalar, a string for a number, an enum or an
 * input, null for a non-null) everywhere, as variables so the operation stays valid. The other
 * arguments get valid values (EXAMPLES, and schema/operations/variables.json for the mutations);
 * control cases first show that each path, so filled, reaches its field. Mutations run as an ADMIN
 * and as a district's EDITOR, so that they reach validation. Then deep, wide and huge requests,
 * and refused keys and roles.
 *
 * Every answer is a 4xx or a 200; never a 5xx, an INTERNAL_SERVER_ERROR, a stack trace, SQL text or
 * a key's hash. A query's hostile argument is a BAD_USER_INPUT field error or an answer (a lookup of
 * `' OR 1=1 --` finds nothing); a mutation's is a problem at its path (values[0].area), and the
 * mutation writes nothing. After each group the server is healthy: /health is 200 and a normal
 * query answers.
 *
 * Nothing changes: every table is compared, row by row, before and after the groups that must not
 * write (all but api_key.last_used_at, which each server writes after answering). Free text is the
 * exception, by design: a `note`, `comment` or `reason` may say anything, so in those fields the
 * corpus sends only what must be refused wherever it is (the overlong string, a problem; NUL and a
 * lone surrogate, a 400), and a group of its own, after the comparison, writes the other hostile
 * strings there for real (as the note of a value no published dashboard shows, the comment of an
 * outcome of the DRAFT made here, the reason of a correction) and checks that each is stored and
 * answered verbatim: the statements take them as parameters, never as SQL.
 *
 * The hostile strings for one argument go in one request, an alias each (in halves when together
 * they cost more than the limit); what is refused as a whole (NUL, a lone surrogate, a wrong type)
 * goes one request per case; a few requests at a time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  astFromValue, getNamedType, getNullableType, GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLInputObjectType, GraphQLInputType,
  GraphQLNamedType, GraphQLObjectType, GraphQLSchema, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, print,
} from 'graphql';
import { DataSource } from 'typeorm';
import { formatKey, newKeyId, newSecret, parseKey } from '../../src/auth/key-text';
import { ApiKey } from '../../src/entities';
import { ROLE_NEEDED } from '../../src/services/publishing/access';
import { getSchema } from '../../src/schema';
import { createKey, revokeKey } from '../../src/services/keys';
import { publishedCells } from '../../src/services/publishing/cells';
import type { RunningServer } from '../../src/server';
import type { OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';
import { serveTestDatabase } from '../support/server';

const Q2 = 'safer-communities-2014-15-q2';
const Q3 = 'safer-communities-2014-15-q3';
const TITLE = `{ dashboard(slug: "${Q2}") { title } }`;

/** Hostile strings that a String or ID argument must survive: refused, not found, or (free text) stored as they are. */
const HOSTILE: readonly string[] = [
  '\' OR 1=1 --',
  '"; DROP TABLE observation; --',
  '1; DELETE FROM audit_event',
  '%\' UNION SELECT hash FROM api_key --',
  '\\\' OR \'\'=\'',
  '$$; SELECT pg_sleep(5); $$',
  'E10000018\' AND \'1\'=\'1',
  '%_%',
  'x'.repeat(100_000),
  'E1000\u0001\u001b[31m\u007f0018',
  'E10000018\u202E81000001E',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '{"$ne": null}',
];
const OVERLONG = HOSTILE.find((text) => text.length > 10_000)!;
/** Refused as a whole request, in any argument, before anything runs: no code, id or text can hold them. */
const UNSTORABLE: readonly string[] = ['E1000\u00000018', 'E1000\ud8000018'];
/** Numbers at the edges: the smallest and largest doubles, more decimals than are printed, and every Int's limits. */
const EXTREME_FLOATS: readonly number[] = [5e-324, 1e-12, 1.7976931348623157e308, -1e308, 123456789.123456789];
const EXTREME_INTS: readonly number[] = [-2147483648, -1, 0, 2147483647];
/** Fields whose text is the caller's to choose: hostile strings are stored there, verbatim. */
const FREE_TEXT = new Set(['note', 'comment', 'reason']);

/** SQL, or a database's or driver's words, in a message: a statement or its error leaking out. */
const SQL_TEXT = /\b(SELECT|INSERT|UPDATE|DELETE|DROP|UNION)\b|SQLITE_|syntax error at or near|QueryFailedError|violates|duplicate key|relation "|column "/i;
const STACK_TRACE = /stacktrace|\n\s+at .+:\d+:\d+|\bat [\w.<>]+ \(.+:\d+:\d+\)/;

/** The example operations' variables (schema/operations/variables.json): valid mutation inputs. */
const OPERATION_VARIABLES = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema', 'operations', 'variables.json'), 'utf8')) as Record<string, Record<string, unknown>>;

/**
 * Valid values, by Type.field.argument or else by the argument's name: given to the required
 * arguments on the way to a field and to the other arguments of a case, and sent alone by the
 * control cases to show that each path reaches its field. The mutations' come from variables.json.
 */
const EXAMPLES: Record<string, unknown> = {
  'Query.area.code': 'E10000018',
  'Query.areas.parent': 'E10000018',
  'Query.dashboard.slug': Q2,
  'Query.indicator.id': 'safer-communities/total-crime-rate',
  'Query.indicators.search': 'crime',
  'Query.indicators.after': Buffer.from('indicator:safer-communities/a', 'utf8').toString('base64url'),
  'Query.auditEvents.after': Buffer.from('2099-01-01T00:00:00.000Z/0a0b0c0d/00000', 'utf8').toString('base64url'),
  'Query.auditEvents.target': Q3,
  'Query.period.key': '2013-14',
  'Area.population.year': 2014,
  'Area.within.type': 'REGION',
  'AreaGroup.members.period': '2014-15',
  'Dashboard.latestValue.indicator': 'safer-communities/total-crime-rate',
  'Dashboard.previousValue.indicator': 'safer-communities/total-crime-rate',
  'Indicator.compare.against': { area: 'E07000129' },
  'Indicator.directionOfTravel.from': '2012-13',
  'Indicator.series.from': '2012-13',
  'ComparatorInput.area': 'E07000129',
  'ComparatorInput.areas': ['E07000129', 'E07000130'],
  'ComparatorInput.group': 'police-uk-peer-counties',
  'Query.areas.type': 'COUNTY',
  'Area.children.type': 'DISTRICT',
  'Indicator.values.type': 'DISTRICT',
  'GroupComparison.funnelLimits.points': 10,
  'Indicator.funnel.overdispersion': 'ADDITIVE',
  'Indicator.flag.against': { area: 'E07000129' },
  area: 'E10000018',
  areas: ['E07000129', 'E07000130'],
  within: 'E10000018',
  group: 'police-uk-peer-counties',
  period: '2013-14',
  from: '2012-13',
  to: '2013-14',
  first: 5,
  type: 'FINANCIAL_YEAR',
};
for (const [operation, variables] of Object.entries(OPERATION_VARIABLES)) {
  const field = operation[0].toLowerCase() + operation.slice(1);
  for (const [name, value] of Object.entries(variables)) EXAMPLES[`Mutation.${field}.${name}`] = value;
}

/** The object a hostile input field is put into: the examples' inputs, and none for a comparator (exactly one of its fields). */
const BASE_INPUTS: Record<string, Record<string, unknown>> = {
  ValueInput: (OPERATION_VARIABLES.SetValues.values as Array<Record<string, unknown>>)[0],
  OutcomeAssessmentInput: OPERATION_VARIABLES.SetOutcomeAssessment.input as Record<string, unknown>,
  DraftDashboardInput: OPERATION_VARIABLES.DraftDashboard.input as Record<string, unknown>,
  ComparatorInput: {},
};

/** A valid value for Type.field.argument, or (with `argument` left out) for the field of an input type, Input.field. */
function example(parent: string, field: string, argument?: string): unknown {
  const key = argument === undefined ? `${parent}.${field}` : `${parent}.${field}.${argument}`;
  const name = argument ?? field;
  if (key in EXAMPLES) return EXAMPLES[key];
  if (name in EXAMPLES && EXAMPLES[name] !== undefined) return EXAMPLES[name];
  throw new Error(`No valid example for ${key}: add one to EXAMPLES in the security corpus.`);
}

// ---------------------------------------------------------------------------------------------
// The cases, from the schema.

interface Step {
  readonly parent: string;
  readonly field: GraphQLField<unknown, unknown>;
}

/** One argument, or one field of an argument's input type, of one field. */
interface Target {
  readonly root: 'query' | 'mutation';
  /** The fields from the root down to the field's parent. */
  readonly path: readonly Step[];
  readonly parent: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly argument: GraphQLArgument;
  readonly inputField: GraphQLInputField | null;
  /** Type.field(argument.inputField), for messages. */
  readonly name: string;
  /** Where a mutation reports a problem with it, e.g. values[0].note. */
  readonly problemPath: string;
}

const isText = (type: GraphQLInputType): boolean => ['String', 'ID'].includes(getNamedType(type).name);

/** Every object type reachable from Query, with the shortest path of fields to it (fields in name order). */
function reachableTypes(schema: GraphQLSchema): Map<string, Step[]> {
  const query = schema.getQueryType()!;
  const paths = new Map<string, Step[]>([[query.name, []]]);
  const queue: GraphQLObjectType[] = [query];
  for (let type = queue.shift(); type; type = queue.shift()) {
    for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || paths.has(named.name)) continue;
      paths.set(named.name, [...paths.get(type.name)!, { parent: type.name, field }]);
      queue.push(named);
    }
  }
  return paths;
}

function targetsOf(root: 'query' | 'mutation', type: GraphQLObjectType, path: Step[]): Target[] {
  const targets: Target[] = [];
  for (const field of Object.values(type.getFields())) {
    for (const argument of field.args) {
      const list = isListType(getNullableType(argument.type));
      const named = getNamedType(argument.type);
      const at = `${argument.name}${list ? '[0]' : ''}`;
      const base = { root, path, parent: type.name, field, argument };
      targets.push({ ...base, inputField: null, name: `${type.name}.${field.name}(${argument.name})`, problemPath: argument.name });
      if (isInputObjectType(named)) {
        for (const inputField of Object.values(named.getFields())) {
          targets.push({ ...base, inputField, name: `${type.name}.${field.name}(${at}.${inputField.name})`, problemPath: `${at}.${inputField.name}` });
        }
      }
    }
  }
  return targets;
}

function allTargets(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  for (const [name, path] of reachableTypes(schema)) targets.push(...targetsOf('query', schema.getType(name) as GraphQLObjectType, path));
  targets.push(...targetsOf('mutation', schema.getMutationType()!, []));
  return targets;
}

/** The argument's value with `leaf` where the target is: in a list, and in its input object, as the type asks. */
function argumentValue(target: Target, leaf: unknown, { wrapLeaf = true } = {}): unknown {
  const list = isListType(getNullableType(target.argument.type));
  if (!target.inputField) {
    if (isInputObjectType(getNamedType(target.argument.type))) return leaf;
    return list && wrapLeaf ? [leaf] : leaf;
  }
  const inputType = getNamedType(target.argument.type) as GraphQLInputObjectType;
  const fieldList = isListType(getNullableType(target.inputField.type));
  const object = { ...(BASE_INPUTS[inputType.name] ?? {}), [target.inputField.name]: fieldList && wrapLeaf ? [leaf] : leaf };
  return list ? [object] : object;
}

/**
 * Arguments a field needs together though the schema cannot say so (values takes areas or within),
 * given beside any other argument of a case, unless it is one of `unless`.
 */
const COMPANIONS: Record<string, { readonly args: readonly string[]; readonly unless: readonly string[] }> = {
  'Indicator.values': { args: ['within'], unless: ['areas', 'within'] },
};

/** A field's valid arguments as literals (its required ones and their companions), but for the one given as a variable. */
function argumentsText(parent: string, field: GraphQLField<unknown, unknown>, variable?: { argument: string; name: string }): string {
  const companions = COMPANIONS[`${parent}.${field.name}`];
  const given = (name: string): boolean => !!companions?.args.includes(name) && !companions.unless.includes(variable?.argument ?? '');
  const parts: string[] = [];
  for (const argument of field.args) {
    if (variable?.argument === argument.name) parts.push(`${argument.name}: $${variable.name}`);
    else if (isNonNullType(argument.type) || given(argument.name)) parts.push(`${argument.name}: ${print(astFromValue(example(parent, field.name, argument.name), argument.type)!)}`);
  }
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

/** What a case selects of the field it aims at: a mutation's problems and what it wrote; a type's name. */
function selectionOf(type: GraphQLNamedType): string {
  if (!isObjectType(type)) return '';
  if (!type.getFields().problems) return ' { __typename }';
  const results = Object.values(type.getFields()).filter((field) => field.name !== 'problems').map((field) => `${field.name} { __typename }`);
  return ` { problems { path message } ${results.join(' ')} }`;
}

/** One aliased selection of a target, with its argument as the variable `name`. */
function selectionText(target: Target, alias: string, name: string): string {
  const inner = `${target.field.name}${argumentsText(target.parent, target.field, { argument: target.argument.name, name })}${selectionOf(getNamedType(target.field.type))}`;
  let text = inner;
  for (let i = target.path.length - 1; i >= 0; i--) {
    const { parent, field } = target.path[i];
    text = `${field.name}${argumentsText(parent, field)} { ${text} }`;
  }
  return `${alias}: ${text}`;
}

/** One request asking the target once per value, each under its own alias c0, c1, ... */
function operationFor(target: Target, values: readonly unknown[]): { query: string; variables: Record<string, unknown> } {
  const declared = values.map((_, i) => `$v${i}: ${String(target.argument.type)}`).join(', ');
  const selections = values.map((_, i) => selectionText(target, `c${i}`, `v${i}`)).join(' ');
  return { query: `${target.root}(${declared}) { ${selections} }`, variables: Object.fromEntries(values.map((value, i) => [`v${i}`, value])) };
}

/** A value of the wrong type for the target's leaf, said in words. */
function wrongValues(target: Target): Array<{ what: string; value: unknown }> {
  const type = target.inputField?.type ?? target.argument.type;
  const named = getNamedType(type);
  const wrong: Array<{ what: string; value: unknown }> = [];
  if (isInputObjectType(named)) wrong.push({ what: 'a string for an input object', value: argumentValue(target, '\' OR 1=1 --') });
  else if (isEnumType(named)) wrong.push({ what: 'a string outside the enum', value: argumentValue(target, 'GREEN\' OR \'1\'=\'1') });
  else if (['Int', 'Float'].includes(named.name)) {
    wrong.push({ what: 'a string for a number', value: argumentValue(target, '1; DROP TABLE observation') });
    if (named.name === 'Int') wrong.push({ what: 'an Int over 32 bits', value: argumentValue(target, 2 ** 31) });
  } else wrong.push({ what: 'an object for a scalar', value: argumentValue(target, { $where: '1 == 1', toString: 'x' }) });
  if (isNonNullType(type)) {
    wrong.push({ what: 'null for a non-null', value: target.inputField ? argumentValue(target, null, { wrapLeaf: false }) : null });
  }
  return wrong;
}

// ---------------------------------------------------------------------------------------------
// Talking to the server.

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: GraphQLAnswer | null;
}

async function post(server: RunningServer, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: GraphQLAnswer | null = null;
  try {
    json = JSON.parse(text) as GraphQLAnswer;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const bearer = (key: string | undefined): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

/** Runs `work` over the items, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** The text of an answer's messages with the strings the request sent taken out (messages may quote them). */
function messagesOf(answer: Answer, sent: readonly string[]): string[] {
  const messages = [
    ...(answer.json?.errors ?? []).map((e) => e.message),
    ...JSON.stringify(answer.json?.data ?? null).match(/"message":"(?:[^"\\]|\\.)*"/g) ?? [],
  ];
  const strip = [...sent].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return messages.map((message) => {
    let text = message;
    for (const s of strip) text = text.split(s).join('').split(JSON.stringify(s).slice(1, -1)).join('');
    return text;
  });
}

/** What every answer must be: a 200 or a 4xx in JSON; no internal error, stack trace, SQL or key hash. */
function assertSafe(answer: Answer, sent: readonly string[], secrets: readonly string[], name: string): void {
  assert.ok(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `${name}: status ${answer.status}: ${answer.text.slice(0, 300)}`);
  assert.ok(answer.json, `${name}: a JSON body, got ${answer.text.slice(0, 200)}`);
  for (const error of answer.json.errors ?? []) {
    assert.notEqual(error.extensions?.code, 'INTERNAL_SERVER_ERROR', `${name}: ${error.message}`);
  }
  assert.doesNotMatch(answer.text, STACK_TRACE, `${name}: a stack trace`);
  for (const message of messagesOf(answer, sent)) assert.doesNotMatch(message, SQL_TEXT, `${name}: SQL or a database's words in "${message.slice(0, 300)}"`);
  for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${name}: a key's hash or salt in the answer`);
}

// ---------------------------------------------------------------------------------------------
// The database, before and after.

/** Every table's rows (api_key but for last_used_at), as a digest and a count. */
async function snapshot(dataSource: DataSource): Promise<Record<string, { rows: number; digest: string }>> {
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const meta of [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const order = Object.fromEntries(meta.primaryColumns.map((column) => [column.propertyName, 'ASC' as const]));
    const rows = await dataSource.getRepository(meta.target).find({ order }) as Array<Record<string, unknown>>;
    const kept = rows.map((row) => (meta.tableName === 'api_key' ? { ...row, lastUsedAt: null } : row));
    result[meta.tableName] = { rows: rows.length, digest: createHash('sha256').update(JSON.stringify(kept)).digest('hex') };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

describe('security corpus', { timeout: 120_000 }, () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  let stop: () => Promise<void>;
  let schema: GraphQLSchema;
  let targets: Target[];
  /** Keys: the county data team (ADMIN), Blaby (a district's EDITOR), Leicestershire (a county's EDITOR), a researcher (VIEWER). */
  let keys: Record<'admin' | 'blaby' | 'county' | 'viewer', string>;
  /** Hashes and salts of every key: never in any answer. */
  let secrets: string[] = [];
  let before0: Awaited<ReturnType<typeof snapshot>>;

  async function healthy(): Promise<void> {
    const health = await fetch(server.url.replace(/\/graphql$/, '/health'));
    assert.equal(health.status, 200, 'the health check');
    const answer = await post(server, JSON.stringify({ query: TITLE }));
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json?.data, { dashboard: { title: 'Safer Communities Performance Dashboard' } });
  }

  before(async () => {
    ({ db, server, stop, tokens: keys } = await serveTestDatabase({
      keys: {
        admin: { name: 'County data team', role: 'ADMIN', areas: [] },
        blaby: { name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] },
        county: { name: 'Leicestershire County Council', role: 'EDITOR', areas: ['E10000018'] },
        viewer: { name: 'Researcher', role: 'VIEWER', areas: [] },
      },
    }));
    schema = await getSchema();
    targets = allTargets(schema);
    secrets = (await db.dataSource.getRepository(ApiKey).find()).flatMap((key) => [key.hash, key.salt]);
    // The draft whose outcomes the mutations aim at (and whose comments free text is written to).
    const draft = await post(server, JSON.stringify({ query: 'mutation($input: DraftDashboardInput!) { draftDashboard(input: $input) { dashboard { slug } problems { path message } } }', variables: OPERATION_VARIABLES.DraftDashboard }), bearer(keys.admin));
    assert.deepEqual(draft.json?.data, { draftDashboard: { dashboard: { slug: Q3 }, problems: [] } }, draft.text);
  });
  after(() => stop?.());

  test('the cases come from the schema: every argument and input field of Query, Mutation and the types reachable from Query', (t) => {
    const names = new Set(targets.map((t) => t.name));
    for (const name of ['Query.dashboard(slug)', 'Indicator.values(areas)', 'Indicator.compare(against.group)', 'Mutation.setValues(values[0].note)', 'Mutation.correctValue(reason)', 'SupportingIndicator.districtComparison(period)']) {
      assert.ok(names.has(name), `${name} among ${[...names].join(', ')}`);
    }
    const mutationNames = Object.keys(schema.getMutationType()!.getFields());
    assert.deepEqual(mutationNames.filter((m) => !targets.some((t) => t.root === 'mutation' && t.field.name === m)), [], 'every mutation takes arguments');
    const text = targets.filter((target) => isText(target.inputField?.type ?? target.argument.type));
    assert.ok(text.length >= 50, 'at least 50 String or ID places');
    const free = text.filter((target) => FREE_TEXT.has(target.inputField?.name ?? target.argument.name));
    const queries = text.filter((target) => target.root === 'query').length;
    const mutations = text.length - queries;
    const cases = queries * HOSTILE.length + 2 * ((mutations - free.length) * HOSTILE.length + free.length)
      + text.length * UNSTORABLE.length + targets.reduce((sum, target) => sum + wrongValues(target).length, 0)
      + targets.reduce((sum, target) => sum + ({ Int: EXTREME_INTS.length, Float: EXTREME_FLOATS.length }[getNamedType(target.inputField?.type ?? target.argument.type).name] ?? 0), 0);
    t.diagnostic(`${targets.length} arguments and input fields, ${text.length} of them String or ID (${queries} of queries, ${mutations} of mutations, ${free.length} free text): ${cases} generated cases`);
  });

  test('controls: with valid values every case reaches its field (the paths and examples are right)', async () => {
    const queryTargets = targets.filter((t) => t.root === 'query' && !(t.inputField === null && isInputObjectType(getNamedType(t.argument.type))));
    await inPool(queryTargets, 4, async (target) => {
      const leaf = target.inputField
        ? example(getNamedType(target.argument.type).name, target.inputField.name)
        : example(target.parent, target.field.name, target.argument.name);
      const value = target.inputField ? argumentValue(target, leaf, { wrapLeaf: false }) : leaf;
      const { query, variables } = operationFor(target, [value]);
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(keys.admin));
      assert.equal(answer.status, 200, `${target.name}: ${answer.text.slice(0, 500)}`);
      assert.deepEqual(answer.json?.errors ?? [], [], `${target.name}: ${query} ${JSON.stringify(variables)}`);
      // Each field on the way answered an object (the first of a list), so the field itself ran.
      let node: unknown = answer.json?.data;
      [...target.path.map((step) => step.field.name), target.field.name].forEach((name, i) => {
        node = Array.isArray(node) ? node[0] : node;
        assert.ok(node !== null && typeof node === 'object', `${target.name}: nothing at ${name} of ${query}: ${JSON.stringify(answer.json?.data)}`);
        node = (node as Record<string, unknown>)[i === 0 ? 'c0' : name];
      });
      assert.notEqual(node, undefined, `${target.name}: ${JSON.stringify(answer.json?.data)}`);
    });
    await healthy();
  });

  test('before the corpus: a snapshot of every table', async () => {
    before0 = await snapshot(db.dataSource);
    assert.ok(before0.observation.rows > 0 && before0.dashboard.rows === 2 && before0.audit_event.rows === 1);
  });

  test('hostile strings in every String and ID argument of the queries: a BAD_USER_INPUT field error, or an answer', async () => {
    const textTargets = targets.filter((t) => t.root === 'query' && isText(t.inputField?.type ?? t.argument.type));
    /** Asks for the target once per text; in halves when together they cost more than the limit (a judgement in every row). */
    const ask = async (target: Target, texts: readonly string[]): Promise<void> => {
      const { query, variables } = operationFor(target, texts.map((text) => argumentValue(target, text)));
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(keys.admin));
      assertSafe(answer, texts, secrets, target.name);
      if (answer.status === 400 && answer.json?.errors?.[0]?.extensions?.code === 'QUERY_TOO_COMPLEX' && texts.length > 1) {
        await ask(target, texts.slice(0, texts.length / 2));
        await ask(target, texts.slice(texts.length / 2));
        return;
      }
      assert.equal(answer.status, 200, `${target.name}: ${answer.text.slice(0, 500)}`);
      for (const error of answer.json?.errors ?? []) {
        assert.equal(error.extensions?.code, 'BAD_USER_INPUT', `${target.name}: ${error.message.slice(0, 300)}`);
        assert.match(String(error.path?.[0]), /^c\d+$/, `${target.name}: an error with the path of its field`);
      }
    };
    await inPool(textTargets, 4, (target) => ask(target, HOSTILE));
    await healthy();
  });

  test('hostile strings in every String and ID field of the mutations, as an ADMIN and as a district\'s EDITOR: a problem at its path, nothing written', async () => {
    const textTargets = targets.filter((t) => t.root === 'mutation' && isText(t.inputField?.type ?? t.argument.type));
    const cases = textTargets.flatMap((target) => (['admin', 'blaby'] as const).map((key) => ({ target, key })));
    await inPool(cases, 2, async ({ target, key }) => {
      // Free text may say anything (see the last group); only the overlong text is a problem there.
      const texts = FREE_TEXT.has(target.inputField?.name ?? target.argument.name) ? [OVERLONG] : HOSTILE;
      const { query, variables } = operationFor(target, texts.map((text) => argumentValue(target, text)));
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(keys[key]));
      const name = `${target.name} as ${key}`;
      assertSafe(answer, texts, secrets, name);
      const needed = ROLE_NEEDED[target.field.name as keyof typeof ROLE_NEEDED];
      if (key === 'blaby' && needed === 'ADMIN') {
        assert.equal(answer.status, 403, `${name}: ${answer.text.slice(0, 300)}`);
        assert.deepEqual(answer.json?.errors?.map((e) => e.extensions?.code), ['FORBIDDEN']);
        return;
      }
      assert.equal(answer.status, 200, `${name}: ${answer.text.slice(0, 500)}`);
      assert.deepEqual(answer.json?.errors ?? [], [], name);
      texts.forEach((text, i) => {
        const payload = answer.json?.data?.[`c${i}`] as Record<string, unknown> & { problems: Array<{ path: string; message: string }> };
        const label = `${name} given ${JSON.stringify(text.slice(0, 40))}`;
        assert.ok(payload.problems.some((p) => p.path === target.problemPath), `${label}: a problem at ${target.problemPath}, got ${JSON.stringify(payload.problems).slice(0, 500)}`);
        for (const [field, result] of Object.entries(payload)) {
          if (field !== 'problems') assert.ok(result === null || (Array.isArray(result) && result.length === 0), `${label}: wrote ${field}`);
        }
      });
    });
    await healthy();
  });

  test('extreme numbers in every Int and Float argument and input field: an answer, a BAD_USER_INPUT, too complex, or a problem; never a crash', async () => {
    const numeric = targets.filter((t) => ['Int', 'Float'].includes(getNamedType(t.inputField?.type ?? t.argument.type).name));
    assert.ok(numeric.length >= 10, `${numeric.length} numeric places`);
    await inPool(numeric, 4, async (target) => {
      const float = getNamedType(target.inputField?.type ?? target.argument.type).name === 'Float';
      const numbers = float ? EXTREME_FLOATS : EXTREME_INTS;
      // A mutation's numbers all at once (value, numerator and denominator: the rules compare them), by a key
      // that reaches the rules but may not write the item: a district's EDITOR writing its county, or an
      // ADMIN correcting a value no published dashboard shows.
      const siblings = target.inputField ? Object.values((getNamedType(target.argument.type) as GraphQLInputObjectType).getFields()).filter((f) => getNamedType(f.type).name === 'Float') : [];
      const values = numbers.map((n) => {
        const value = argumentValue(target, n) as Record<string, unknown> | Array<Record<string, unknown>>;
        for (const item of Array.isArray(value) ? value : [value]) for (const sibling of siblings) item[sibling.name] = n;
        return value;
      });
      const key = target.root === 'query' || ROLE_NEEDED[target.field.name as keyof typeof ROLE_NEEDED] === 'ADMIN' ? keys.admin : keys.blaby;
      const { query, variables } = operationFor(target, values);
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(key));
      assertSafe(answer, [], secrets, target.name);
      if (answer.status === 400) {
        assert.equal(answer.json?.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX', `${target.name}: ${answer.text.slice(0, 300)}`);
        return;
      }
      assert.equal(answer.status, 200, `${target.name}: ${answer.text.slice(0, 300)}`);
      for (const error of answer.json?.errors ?? []) assert.equal(error.extensions?.code, 'BAD_USER_INPUT', `${target.name}: ${error.message}`);
      if (target.root === 'mutation') {
        assert.deepEqual(answer.json?.errors ?? [], [], target.name);
        numbers.forEach((n, i) => {
          const payload = answer.json?.data?.[`c${i}`] as { problems: unknown[] };
          assert.ok(payload.problems.length > 0, `${target.name} given ${n}: refused, for the key may not write it`);
        });
      }
    });
    await healthy();
  });

  test('NUL and lone surrogates, in any String or ID argument or input field: 400 BAD_USER_INPUT before anything runs', async () => {
    const cases = targets.filter((t) => isText(t.inputField?.type ?? t.argument.type)).flatMap((target) => UNSTORABLE.map((text) => ({ target, text })));
    await inPool(cases, 4, async ({ target, text }) => {
      const { query, variables } = operationFor(target, [argumentValue(target, text)]);
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(keys.admin));
      const name = `${target.name} given ${JSON.stringify(text)}`;
      assertSafe(answer, [text], secrets, name);
      assert.equal(answer.status, 400, `${name}: ${answer.text.slice(0, 300)}`);
      assert.deepEqual(answer.json?.errors?.map((e) => e.extensions?.code), ['BAD_USER_INPUT'], name);
      assert.equal(answer.json?.data, undefined, `${name}: nothing ran`);
    });
    await healthy();
  });

  test('wrong types everywhere (an object for a scalar, a string for a number, an enum or an input, null for a non-null): 400 BAD_USER_INPUT', async () => {
    const cases = targets.flatMap((target) => wrongValues(target).map((wrong) => ({ target, ...wrong })));
    const sent = ['1; DROP TABLE observation', 'GREEN\' OR \'1\'=\'1', '\' OR 1=1 --', '1 == 1'];
    assert.ok(cases.length >= 80, `${cases.length} cases`);
    await inPool(cases, 4, async ({ target, what, value }) => {
      const { query, variables } = operationFor(target, [value]);
      const answer = await post(server, JSON.stringify({ query, variables }), bearer(keys.admin));
      const name = `${target.name}: ${what}`;
      assertSafe(answer, sent, secrets, name);
      assert.equal(answer.status, 400, `${name}: ${answer.text.slice(0, 300)}`);
      assert.deepEqual(answer.json?.errors?.map((e) => e.extensions?.code), ['BAD_USER_INPUT'], `${name}: ${answer.text.slice(0, 300)}`);
    });
    await healthy();
  });

  test('deep, wide and huge: refused with a clear 4xx before they run', async () => {
    const refusals: Array<{ name: string; body: string; status: number; code: string }> = [];
    const row = 'dashboard(slug: "safer-communities-2014-15-q2") { outcomes { supportingIndicators { indicator { districtComparison { members { area { %s } } } } } } }';
    refusals.push({ name: 'dashboard→outcomes→rows→indicator→comparison→members→area→children×6', body: JSON.stringify({ query: `{ ${row.replace('%s', `${'children { '.repeat(6)}name${' }'.repeat(6)}`)} }` }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: '60 levels of children', body: JSON.stringify({ query: `{ area(code: "E10000018") { ${'children { '.repeat(60)}name${' }'.repeat(60)} } }` }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    const nested = `{ area(code: "E10000018") { ...F0 } } ${Array.from({ length: 450 }, (_, i) => `fragment F${i} on Area { ${'children { '.repeat(10)}${i < 449 ? `...F${i + 1}` : 'name'}${' }'.repeat(10)} }`).join(' ')}`;
    refusals.push({ name: '4,500 levels of children, by 450 fragments of 10', body: JSON.stringify({ query: nested }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: '20,000 levels of children (deeper than the parser reads)', body: JSON.stringify({ query: `{ area(code: "E10000018") { ${'children { '.repeat(20_000)}name${' }'.repeat(20_000)} } }` }), status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    const chain = (n: number): string => `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i < n - 1 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`;
    refusals.push({ name: 'a chain of 2,500 fragments', body: JSON.stringify({ query: chain(2500) }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: 'a chain of 6,000 fragments', body: JSON.stringify({ query: chain(6000) }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: '6,000 aliases', body: JSON.stringify({ query: `{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: area(code: "E10000018") { name }`).join(' ')} }` }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: '300 aliases of a comparison (over the cost limit)', body: JSON.stringify({ query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: indicator(id: "safer-communities/total-crime-rate") { districtComparison { method } }`).join(' ')} }` }), status: 400, code: 'QUERY_TOO_COMPLEX' });
    refusals.push({ name: 'the same field 50,000 times', body: JSON.stringify({ query: `{ ${'__typename '.repeat(50_000)}}` }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    refusals.push({ name: 'a body over 1 MB', body: JSON.stringify({ query: TITLE, variables: { pad: 'x'.repeat(1_100_000) } }), status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const item = { indicator: 'safer-communities/total-crime-rate', area: 'E10000018', period: '2013-14', value: 1 };
    const SET_VALUES = 'mutation($values: [ValueInput!]!) { setValues(values: $values) { values { id } problems { path message } } }';
    refusals.push({ name: 'setValues with 100,000 items', body: JSON.stringify({ query: SET_VALUES, variables: { values: Array.from({ length: 100_000 }, () => item) } }), status: 413, code: 'PAYLOAD_TOO_LARGE' });
    for (const { name, body, status, code } of refusals) {
      const answer = await post(server, body, bearer(keys.admin));
      assertSafe(answer, [], secrets, name);
      assert.equal(answer.status, status, `${name}: ${answer.text.slice(0, 300)}`);
      assert.equal(answer.json?.errors?.[0]?.extensions?.code, code, `${name}: ${answer.text.slice(0, 300)}`);
      assert.equal(answer.json?.data, undefined, `${name}: nothing ran`);
    }

    // Lists under the body limit: each item checked would be work for nothing; refused by their length.
    const many = await post(server, JSON.stringify({ query: SET_VALUES, variables: { values: Array.from({ length: 10_000 }, () => item) } }), bearer(keys.admin));
    assertSafe(many, [], secrets, 'setValues with 10,000 items');
    assert.equal(many.status, 200, many.text.slice(0, 300));
    assert.deepEqual(many.json?.data, { setValues: { values: [], problems: [{ path: 'values', message: 'has 10,000 items; at most 1,000 in one call (use npm run import:csv for more)' }] } });
    const codes = Array.from({ length: 10_000 }, (_, i) => `E${String(7000000 + i).padStart(8, '0')}`);
    const areas = await post(server, JSON.stringify({ query: 'query($areas: [ID!]) { indicator(id: "safer-communities/total-crime-rate") { values(areas: $areas, period: "2013-14") { value } } }', variables: { areas: codes } }), bearer(keys.admin));
    assertSafe(areas, [], secrets, 'values of 10,000 areas');
    assert.equal(areas.status, 200);
    assert.deepEqual(areas.json?.errors?.map((e) => [e.extensions?.code, e.path]), [['BAD_USER_INPUT', ['indicator', 'values']]]);
    await healthy();
  });

  test('after the corpus: every table as it was', async () => {
    assert.deepEqual(await snapshot(db.dataSource), before0);
  });

  test('free text (note, comment, reason) may say anything: the hostile strings are stored and answered verbatim', async () => {
    const cell = [...(await publishedCells(db.dataSource.manager, 'all')).keys()].map((key) => key.split('|')).find(([indicator, area]) => indicator === 'safer-communities/total-crime-rate' && area === 'E10000018');
    assert.ok(cell, 'a value the published Q2 dashboard shows');
    const [indicator, area, periodKey] = cell;
    const value = { indicator: 'safer-communities/total-crime-rate', area: 'E10000018', period: '12 months to Dec 2014', value: 45.02 };
    // A reason says why in at least 5 characters: the shorter ones are a problem there, rightly.
    const texts = HOSTILE.filter((text) => text !== OVERLONG && text.length >= 5);
    const WRITE = `mutation($values: [ValueInput!]!, $correction: ValueInput!, $reason: String!, $assessment: OutcomeAssessmentInput!) {
      setValues(values: $values) { values { note } problems { path message } }
      correctValue(value: $correction, reason: $reason) { values { id } problems { path message } }
      setOutcomeAssessment(input: $assessment) { assessment { comment } problems { path message } }
    }`;
    const READ = `query($target: String, $period: ID) {
      indicator(id: "safer-communities/total-crime-rate") { value(area: "E10000018", period: $period) { note } }
      auditEvents(target: $target, first: 1) { nodes { reason } }
      dashboard(slug: "${Q3}") { outcomes { reported { comment } } }
    }`;
    for (const text of texts) {
      const written = await post(server, JSON.stringify({
        query: WRITE,
        variables: {
          values: [{ ...value, note: text }],
          correction: { indicator, area, period: periodKey, value: 42, note: null },
          reason: text,
          assessment: { ...BASE_INPUTS.OutcomeAssessmentInput, comment: text },
        },
      }), bearer(keys.admin));
      assertSafe(written, [text], secrets, `writing ${JSON.stringify(text)}`);
      assert.equal(written.status, 200, written.text.slice(0, 500));
      assert.deepEqual(written.json?.data, {
        setValues: { values: [{ note: text }], problems: [] },
        correctValue: { values: [{ id: `${indicator}/${area}/${periodKey}` }], problems: [] },
        setOutcomeAssessment: { assessment: { comment: text }, problems: [] },
      }, JSON.stringify(text));
      const read = await post(server, JSON.stringify({ query: READ, variables: { target: `${indicator}/${area}/${periodKey}`, period: '12 months to Dec 2014' } }), bearer(keys.admin));
      assert.equal(read.status, 200, read.text.slice(0, 500));
      assert.deepEqual(read.json?.data, {
        indicator: { value: { note: text } },
        auditEvents: { nodes: [{ reason: text }] },
        dashboard: { outcomes: [{ reported: { comment: text } }, { reported: null }, { reported: null }, { reported: null }] },
      }, JSON.stringify(text));
    }
    // And in the database itself, not only through the API.
    const [stored] = await db.dataSource.query(`SELECT note FROM observation WHERE indicator_id = ${db.database.kind === 'postgres' ? '$1' : '?'} AND period_key = '2014-01/2014-12' AND area_code = 'E10000018'`, ['safer-communities/total-crime-rate']) as Array<{ note: string }>;
    assert.equal(stored.note, texts[texts.length - 1]);
    await healthy();
  });

  describe('keys', () => {
    const SET_VALUES = 'mutation($values: [ValueInput!]!) { setValues(values: $values) { values { id } problems { path message } } }';
    const county = { indicator: 'safer-communities/asb-victims', area: 'E10000018', period: 'Q3 2014-15', value: 12 };

    async function refusedWith(answer: Answer, status: number, code: string, name: string): Promise<void> {
      assertSafe(answer, [], secrets, name);
      assert.equal(answer.status, status, `${name}: ${answer.text.slice(0, 300)}`);
      assert.deepEqual(answer.json?.errors?.map((e) => e.extensions?.code), [code], name);
      assert.equal(answer.json?.data ?? null, null, `${name}: no data`);
      if (status === 401) assert.equal(answer.headers.get('www-authenticate'), 'Bearer', name);
    }

    test('writes refused by role or area change nothing: 401 anonymous, 403 a VIEWER or an EDITOR publishing or correcting, a problem outside an EDITOR\'s areas', async () => {
      const before1 = await snapshot(db.dataSource);
      const write = (key?: string, values: unknown[] = [county]) => post(server, JSON.stringify({ query: SET_VALUES, variables: { values } }), bearer(key));
      await refusedWith(await write(), 401, 'UNAUTHENTICATED', 'setValues without a key');
      await refusedWith(await write(keys.viewer), 403, 'FORBIDDEN', 'setValues by a VIEWER');
      await refusedWith(await post(server, JSON.stringify({ query: `mutation { publishDashboard(slug: "${Q3}") { problems { path } } }` }), bearer(keys.county)), 403, 'FORBIDDEN', 'publishDashboard by an EDITOR');
      await refusedWith(await post(server, JSON.stringify({ query: 'mutation($value: ValueInput!, $reason: String!) { correctValue(value: $value, reason: $reason) { problems { path } } }', variables: OPERATION_VARIABLES.CorrectValue }), bearer(keys.county)), 403, 'FORBIDDEN', 'correctValue by an EDITOR');
      await refusedWith(await post(server, JSON.stringify({ query: '{ auditEvents { totalCount } }' }), bearer(keys.viewer)), 403, 'FORBIDDEN', 'the audit trail read by a VIEWER');
      // Refused before anything runs: the allowed write beside the forbidden one is not made either.
      await refusedWith(await post(server, JSON.stringify({
        query: `mutation($values: [ValueInput!]!) { setValues(values: $values) { problems { path } } publishDashboard(slug: "${Q3}") { problems { path } } }`,
        variables: { values: [county] },
      }), bearer(keys.county)), 403, 'FORBIDDEN', 'an allowed write beside a forbidden one');
      await refusedWith(await post(server, JSON.stringify({ query: `mutation { ...Publish } fragment Publish on Mutation { publishDashboard(slug: "${Q3}") { problems { path } } }` }), bearer(keys.county)), 403, 'FORBIDDEN', 'a forbidden mutation in a fragment');
      // Outside an EDITOR's areas: a district's key writing its county, a county's key writing the city it surrounds.
      const blaby = await write(keys.blaby);
      assert.equal(blaby.status, 200);
      assert.deepEqual((blaby.json?.data?.setValues as { problems: Array<{ path: string }> }).problems.map((p) => p.path), ['values[0].area']);
      const leicester = await write(keys.county, [{ ...county, area: 'E06000016' }]);
      assert.deepEqual((leicester.json?.data?.setValues as { problems: Array<{ path: string }> }).problems.map((p) => p.path), ['values[0].area']);
      assert.deepEqual(await snapshot(db.dataSource), before1);
      await healthy();
    });

    test('a forged, truncated or revoked key, or another scheme, is a 401 on any request, a cached one too', async () => {
      const { id, secret } = parseKey(keys.viewer)!;
      const bad: Array<[string, Record<string, string>]> = [
        ['a forged key (the right form, a random id and secret)', bearer(formatKey({ id: newKeyId(), secret: newSecret() }))],
        ['a real id with a random secret', bearer(formatKey({ id, secret: randomBytes(32).toString('base64url') }))],
        ['a truncated key', bearer(keys.viewer.slice(0, -5))],
        ['a key with its secret cut off', bearer(`sck_${id}_`)],
        ['Basic', { authorization: `Basic ${Buffer.from(`user:${secret}`).toString('base64')}` }],
        ['Token', { authorization: `Token ${keys.viewer}` }],
        ['a key with SQL in it', bearer('sck_\' OR 1=1 --')],
      ];
      for (const [name, headers] of bad) {
        await refusedWith(await post(server, JSON.stringify({ query: TITLE }), headers), 401, 'UNAUTHENTICATED', name);
        await refusedWith(await post(server, JSON.stringify({ query: SET_VALUES, variables: { values: [county] } }), headers), 401, 'UNAUTHENTICATED', `${name}, writing`);
      }
      const { key, token } = await createKey(db.dataSource, { name: 'Charnwood Borough Council', role: 'EDITOR', areas: ['E07000130'] });
      const first = await post(server, JSON.stringify({ query: TITLE }), bearer(token));
      const second = await post(server, JSON.stringify({ query: TITLE }), bearer(token));
      assert.deepEqual([first.status, second.status, second.headers.get('x-response-cache')], [200, 200, 'hit']);
      await revokeKey(db.dataSource, key.id);
      await refusedWith(await post(server, JSON.stringify({ query: TITLE }), bearer(token)), 401, 'UNAUTHENTICATED', 'a revoked key, for a cached answer');
      await refusedWith(await post(server, JSON.stringify({ query: SET_VALUES, variables: { values: [{ ...county, area: 'E07000130' }] } }), bearer(token)), 401, 'UNAUTHENTICATED', 'a revoked key, writing');
      await healthy();
    });
  });
});
