import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ANONYMOUS, canWrite, Caller, hasRole, KeyCaller, withinAreas } from '../../src/auth/caller';
import { Role } from '../../src/auth/roles';
import { readAreaLinks, readAreas } from '../../src/import/areas.importer';
import { GeographyIndex } from '../../src/services/geography';
import { SEEDS } from '../support/paths';

/** The shipped geography, as the server holds it. */
const geography = new GeographyIndex(readAreas(join(SEEDS, 'areas.csv')), readAreaLinks(join(SEEDS, 'area-links.csv')));

const LEICESTERSHIRE = 'E10000018';
const BLABY = 'E07000129';
const CHARNWOOD = 'E07000130';
const LEICESTER = 'E06000016';
const EAST_MIDLANDS = 'E12000004';
const BLABY_CSP = 'E22000164';
const LEICESTERSHIRE_POLICE = 'E23000021';
const CORNWALL = 'E06000052';

const key = (role: Role, areas: string[]): KeyCaller => ({ kind: 'key', id: 'k7q2mz4xw9ab', name: 'Test', role, areas });

describe('canWrite', () => {
  test('a county key covers the county and its districts', () => {
    const county = key(Role.EDITOR, [LEICESTERSHIRE]);
    for (const area of [LEICESTERSHIRE, BLABY, CHARNWOOD]) assert.equal(canWrite(county, area, geography), true, area);
  });

  test('a district key covers the district only: neither its county nor another district', () => {
    const district = key(Role.EDITOR, [BLABY]);
    assert.equal(canWrite(district, BLABY, geography), true);
    for (const area of [LEICESTERSHIRE, CHARNWOOD, EAST_MIDLANDS, BLABY_CSP]) assert.equal(canWrite(district, area, geography), false, area);
  });

  test('a county key does not cover the unitary authority it surrounds, its region or another county\'s areas', () => {
    const county = key(Role.EDITOR, [LEICESTERSHIRE]);
    for (const area of [LEICESTER, EAST_MIDLANDS, CORNWALL, 'E99999999']) assert.equal(canWrite(county, area, geography), false, area);
  });

  test('the second hierarchy counts too: a force area\'s key covers its CSPs and their districts, not the county', () => {
    const force = key(Role.EDITOR, [LEICESTERSHIRE_POLICE]);
    for (const area of [BLABY_CSP, BLABY, CHARNWOOD]) assert.equal(canWrite(force, area, geography), true, area);
    assert.equal(canWrite(force, LEICESTERSHIRE, geography), false);
  });

  test('a key with several areas covers each; a region\'s key covers its counties, districts and unitary authorities', () => {
    const two = key(Role.EDITOR, [BLABY, CORNWALL]);
    assert.deepEqual([BLABY, CORNWALL, CHARNWOOD].map((area) => canWrite(two, area, geography)), [true, true, false]);
    const region = key(Role.EDITOR, [EAST_MIDLANDS]);
    for (const area of [LEICESTERSHIRE, BLABY, LEICESTER]) assert.equal(canWrite(region, area, geography), true, area);
  });

  test('agrees with descendants(): an area is covered exactly when it is the key\'s area or listed below it', () => {
    for (const outer of [LEICESTERSHIRE, EAST_MIDLANDS, LEICESTERSHIRE_POLICE, BLABY_CSP]) {
      const below = new Set(geography.descendants(outer).map((area) => area.code));
      for (const area of geography.all()) {
        assert.equal(canWrite(key(Role.EDITOR, [outer]), area.code, geography), area.code === outer || below.has(area.code), `${outer} ${area.code}`);
      }
    }
  });

  test('ADMIN covers everything; VIEWER and anonymous nothing, whatever their areas', () => {
    const admin = key(Role.ADMIN, []);
    for (const area of [LEICESTERSHIRE, CORNWALL, 'E92000001']) assert.equal(canWrite(admin, area, geography), true, area);
    const viewer = key(Role.VIEWER, [LEICESTERSHIRE]);
    for (const caller of [viewer, ANONYMOUS] as Caller[]) {
      for (const area of [LEICESTERSHIRE, BLABY]) assert.equal(canWrite(caller, area, geography), false, `${caller.kind} ${area}`);
    }
  });
});

describe('hasRole and withinAreas', () => {
  test('each role includes those below it; anonymous has none', () => {
    assert.deepEqual([Role.VIEWER, Role.EDITOR, Role.ADMIN].map((role) => hasRole(key(Role.EDITOR, [BLABY]), role)), [true, true, false]);
    assert.deepEqual([Role.VIEWER, Role.EDITOR, Role.ADMIN].map((role) => hasRole(key(Role.ADMIN, []), role)), [true, true, true]);
    assert.deepEqual([Role.VIEWER, Role.EDITOR, Role.ADMIN].map((role) => hasRole(ANONYMOUS, role)), [false, false, false]);
  });

  test('a VIEWER\'s areas say where it reaches (for reading what they hold), without letting it write', () => {
    const viewer = key(Role.VIEWER, [LEICESTERSHIRE]);
    assert.equal(withinAreas(viewer, BLABY, geography), true);
    assert.equal(withinAreas(viewer, CORNWALL, geography), false);
    assert.equal(withinAreas(ANONYMOUS, BLABY, geography), false);
  });
});
