/**
 * Synthetic police.uk street-level files: one month for every police force area in
 * seeds/areas.csv, in police.uk's folder layout (`YYYY-MM/YYYY-MM-<force>-street.csv`, the
 * columns of the real downloads), for the England-scale benchmark.
 *
 *   node build/bench/generate-police-uk.js <out-folder> [--month 2019-06] [--rows 450000] [--seed 1]
 *
 * Where rows fall: LSOAs are drawn to hold about the same number of residents (1,000 to 3,000),
 * so a force's share of the rows is its share of the LSOAs, each LSOA weighted by a log-normal
 * factor (a few hot spots, many quiet places, as in real data). Within a force, 2% of rows have no
 * location and 0.5% are placed in another force's LSOA (forces record a few incidents across their
 * borders). Crime types follow roughly their national shares. The same options give the same
 * bytes: everything comes from one seeded pseudo-random sequence, in a fixed order.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CRIME_TYPES, ASB } from '../src/import/police-uk/crime-types';
import { forceSlug } from '../src/import/police-uk/forces';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

export interface GenerateOptions {
  /** The folder to write into; the month's folder is made inside it. */
  outDir: string;
  /** `YYYY-MM`. */
  month: string;
  /** Rows in all files together. */
  rows: number;
  /** Seed of the pseudo-random sequence. @default 1 */
  seed?: number;
  seedsDir?: string;
}

export interface GeneratedMonth {
  /** The folder to give the importer. */
  folder: string;
  files: number;
  rows: number;
  lsoas: number;
  seconds: number;
}

/** Rough national shares of police.uk's categories (England and Wales, 2019); other types get 1%. */
const TYPE_SHARE: Record<string, number> = {
  [ASB]: 0.24, 'Violence and sexual offences': 0.3, 'Criminal damage and arson': 0.08, 'Public order': 0.07,
  'Other theft': 0.07, Shoplifting: 0.06, 'Vehicle crime': 0.05, Burglary: 0.045, Drugs: 0.02, 'Other crime': 0.015,
  'Theft from the person': 0.012, Robbery: 0.01, 'Bicycle theft': 0.01, 'Possession of weapons': 0.007,
};
const OUTCOMES = [
  'Investigation complete; no suspect identified', 'Unable to prosecute suspect', 'Under investigation',
  'Status update unavailable', 'Local resolution', 'Offender given a caution', 'Awaiting court outcome',
];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Park/Open Space', 'Supermarket', 'Parking Area', 'Mill Road', 'Victoria Street', 'Nightclub', 'Sports/Recreation Area'];
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const NO_LOCATION = 0.02;
const OTHER_FORCE = 0.005;

/** mulberry32: small, fast and good enough to spread synthetic rows; not for anything secret. */
export function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

/** A field as CSV: quoted only where it must be. */
function field(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Picks an index with probability proportional to its weight (cumulative weights, binary search). */
function sampler(weights: readonly number[], random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] <= target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** Splits `total` in proportion to weights, whole numbers that add up exactly (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - whole[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    whole[i]++;
  }
  return whole;
}

interface Lsoa {
  code: string;
  name: string;
  weight: number;
}

interface Force {
  slug: string;
  reportedBy: string;
  lsoas: Lsoa[];
}

/** Forces with their LSOAs, from the seeds: LSOA → district (lsoa-lad19), district → CSP → force area. */
function forcesFromSeeds(seedsDir: string, random: () => number): Force[] {
  const areas = readCsv(join(seedsDir, 'areas.csv'));
  const forceAreas = areas.filter((a) => a.type === 'POLICE_FORCE_AREA');
  const cspForce = new Map(areas.filter((a) => a.type === 'COMMUNITY_SAFETY_PARTNERSHIP').map((a) => [a.code, a.parent_code]));
  const forceCodes = new Set(forceAreas.map((f) => f.code));
  // police.uk's LSOA names start with the district's short name: "Bristol 001A", "Kingston upon Hull 004B".
  const districtName = new Map(areas.map((a) => [a.code, a.name.split(',')[0]]));
  const districtForce = new Map<string, string>();
  for (const link of readCsv(join(seedsDir, 'area-links.csv'))) {
    if (link.hierarchy !== 'COMMUNITY_SAFETY') continue;
    const force = forceCodes.has(link.parent_code) ? link.parent_code : cspForce.get(link.parent_code);
    if (force) districtForce.set(link.area_code, force);
  }
  const lsoasOf = new Map<string, Lsoa[]>(forceAreas.map((f) => [f.code, []]));
  const perDistrict = new Map<string, number>();
  for (const row of readCsv(join(seedsDir, 'lsoa-lad19.csv'))) {
    const force = districtForce.get(row.lad19cd);
    if (!force) continue;
    const n = (perDistrict.get(row.lad19cd) ?? 0) + 1;
    perDistrict.set(row.lad19cd, n);
    const name = `${districtName.get(row.lad19cd) ?? row.lad19cd} ${String(Math.ceil(n / 4)).padStart(3, '0')}${'ABCD'[(n - 1) % 4]}`;
    // Log-normal hot-spot factor (Box-Muller normal, sigma 0.8).
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    lsoasOf.get(force)!.push({ code: row.lsoa11cd, name, weight: Math.exp(0.8 * normal) });
  }
  const reportedBy = (name: string): string => ({ 'Metropolitan Police': 'Metropolitan Police Service', 'London, City of': 'City of London Police' }[name] ?? `${name} Police`);
  return forceAreas
    .map((f) => ({ slug: forceSlug(f.name), reportedBy: reportedBy(f.name), lsoas: lsoasOf.get(f.code)! }))
    .filter((f) => f.lsoas.length > 0)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

export function generatePoliceUk(options: GenerateOptions): GeneratedMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new Error(`month must be YYYY-MM (got "${options.month}")`);
  if (!Number.isInteger(options.rows) || options.rows < 1) throw new Error(`rows must be a whole number of at least 1 (got ${options.rows})`);
  const started = process.hrtime.bigint();
  const random = pseudoRandom(options.seed ?? 1);
  const forces = forcesFromSeeds(options.seedsDir ?? SEEDS_DIR, random);
  const everyLsoa = forces.flatMap((f) => f.lsoas);
  const types = [...CRIME_TYPES];
  const pickType = sampler(types.map((t) => TYPE_SHARE[t] ?? 0.01), random);
  const hex = (): string => Math.floor(random() * 4294967296).toString(16).padStart(8, '0');
  const folder = join(options.outDir, options.month);
  mkdirSync(folder, { recursive: true });

  const perForce = apportion(options.rows, forces.map((f) => f.lsoas.reduce((sum, l) => sum + l.weight, 0)));
  forces.forEach((force, index) => {
    const pickLsoa = sampler(force.lsoas.map((l) => l.weight), random);
    const reporter = field(force.reportedBy);
    const lines = [HEADER];
    for (let i = 0; i < perForce[index]; i++) {
      const type = types[pickType()];
      const where = random();
      const lsoa = where < NO_LOCATION ? null : where < NO_LOCATION + OTHER_FORCE ? everyLsoa[Math.floor(random() * everyLsoa.length)] : force.lsoas[pickLsoa()];
      const id = type === ASB ? '' : hex() + hex() + hex() + hex() + hex() + hex() + hex() + hex();
      const outcome = type === ASB ? '' : OUTCOMES[Math.floor(random() * OUTCOMES.length)];
      const place = lsoa === null
        ? ',,No Location,,'
        : `${(-5.5 + random() * 7.2).toFixed(6)},${(50 + random() * 5.8).toFixed(6)},On or near ${STREETS[Math.floor(random() * STREETS.length)]},${lsoa.code},${field(lsoa.name)}`;
      lines.push(`${id},${options.month},${reporter},${reporter},${place},${type},${outcome},`);
    }
    writeFileSync(join(folder, `${options.month}-${force.slug}-street.csv`), `${lines.join('\n')}\n`);
  });
  return { folder: options.outDir, files: forces.length, rows: options.rows, lsoas: everyLsoa.length, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
  };
  const outDir = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!outDir) {
    console.error('usage: node build/bench/generate-police-uk.js <out-folder> [--month 2019-06] [--rows 450000] [--seed 1]');
    process.exit(1);
  }
  const generated = generatePoliceUk({ outDir, month: option('month', '2019-06'), rows: Number(option('rows', '450000')), seed: Number(option('seed', '1')) });
  console.log(`${generated.files} files, ${generated.rows.toLocaleString('en-GB')} rows over ${generated.lsoas.toLocaleString('en-GB')} LSOAs in ${generated.seconds.toFixed(2)} s: ${generated.folder}`);
}
