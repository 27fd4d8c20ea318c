/**
 * A few sentences a board paper can quote, written from the judgements with fixed templates (no
 * language model): what improved and what got worse, how the area compares with its comparator,
 * any red-red flags, and where the computed judgement disagrees with what was published, and why.
 * The same judgements always give the same words.
 */
import { Flag } from './flag';
import { ComparisonOutcome, Direction, Rag } from './types';

export interface NarrativeRow {
  readonly indicator: string;
  /** The row's direction of travel (Previous Year against Latest Data). */
  readonly direction: Direction;
  /** The two values as printed, e.g. 47.18 and 45.91; null where there is none. */
  readonly from: string | null;
  readonly to: string | null;
  readonly flag: Flag;
  /** The comparison the flag rests on; null where none could be made. */
  readonly comparison: { readonly outcome: ComparisonOutcome; readonly against: string; readonly period: string } | null;
}

export interface NarrativeOutcome {
  readonly position: number;
  readonly title: string;
  readonly area: string;
  readonly rows: readonly NarrativeRow[];
  /** What the dashboard published; null where it published nothing. */
  readonly published: { readonly rag: Rag | null; readonly direction: Direction | null } | null;
  readonly computed: { readonly rag: Rag; readonly direction: Direction };
}

export interface NarrativeDashboard {
  readonly title: string;
  readonly area: string;
  readonly period: string;
  readonly outcomes: readonly NarrativeOutcome[];
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An indicator's name without the unit and source in brackets: "Vehicle crime" for "Vehicle crime per 1,000 population (police.uk)". */
export function shortName(name: string): string {
  let short = name.trim();
  for (;;) {
    const next = short.replace(/\s*\((police\.uk|per [^)]*|local data)\)$/i, '').replace(/\s+per 1,000 population$/i, '');
    if (next === short) return short;
    short = next;
  }
}

const RAG_WORD: Record<Rag, string> = { GREEN: 'Green', AMBER: 'Amber', RED: 'Red', GREY: 'not rated' };
const DIRECTION_WORD: Record<Direction, string> = {
  IMPROVING: '↑ improving', WORSENING: '↓ worsening', NO_CHANGE: '→ no change', INCREASING: '↑ increasing',
  DECREASING: '↓ decreasing', NOT_COMPARABLE: 'no direction (not comparable)', NO_DATA: 'no direction (no data)',
};

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function withValues(row: NarrativeRow): string {
  return row.from && row.to ? `${shortName(row.indicator)} (${row.from} to ${row.to})` : shortName(row.indicator);
}

/** What changed: "Total Crime rate (47.18 to 45.91) improved; Number of first time entrants (212 to 244) got worse." */
function changes(rows: readonly NarrativeRow[]): string {
  const named = (direction: Direction) => rows.filter((r) => r.direction === direction).map(withValues);
  const parts = [
    [named('IMPROVING'), 'improved'], [named('WORSENING'), 'got worse'], [named('NO_CHANGE'), 'did not change'],
    [named('INCREASING'), 'rose'], [named('DECREASING'), 'fell'],
  ].filter(([names]) => names.length > 0).map(([names, verb]) => `${listOf(names as string[])} ${verb}`);
  const unjudged = rows.filter((r) => r.direction === 'NOT_COMPARABLE' || r.direction === 'NO_DATA');
  const sentences: string[] = [];
  if (parts.length > 0) sentences.push(`Since the previous year, ${parts.join('; ')}.`);
  if (unjudged.length > 0) {
    const why = unjudged.every((r) => r.direction === 'NO_DATA')
      ? 'a value is missing'
      : unjudged.every((r) => r.direction === 'NOT_COMPARABLE') ? 'the two values are for periods of different length' : 'a value is missing or the periods differ';
    sentences.push(`${capitalise(listOf(unjudged.map((r) => shortName(r.indicator))))} cannot be judged, as ${why}.`);
  }
  return sentences.join(' ');
}

const OUTCOME_WORD: Partial<Record<ComparisonOutcome, string>> = { BETTER: 'better', SIMILAR: 'similar', WORSE: 'worse' };

/** How the area compares: "Against the peer average (2021-22), Leicestershire is better on A, similar on B and worse on C." */
function comparisons(area: string, rows: readonly NarrativeRow[], rowsInAll: number): string {
  const compared = rows.filter((r) => r.comparison && OUTCOME_WORD[r.comparison.outcome]);
  if (compared.length === 0) return rowsInAll > 0 ? `None of these indicators can be compared with ${area}'s comparator for its latest period.` : '';
  const byAgainst = new Map<string, NarrativeRow[]>();
  for (const row of compared) {
    const key = `${row.comparison!.against} (${row.comparison!.period})`;
    byAgainst.set(key, [...(byAgainst.get(key) ?? []), row]);
  }
  return [...byAgainst].map(([against, group]) => {
    const parts = (['BETTER', 'SIMILAR', 'WORSE'] as const)
      .map((outcome) => [OUTCOME_WORD[outcome], group.filter((r) => r.comparison!.outcome === outcome).map((r) => shortName(r.indicator))] as const)
      .filter(([, names]) => names.length > 0)
      .map(([word, names]) => `${word} on ${listOf(names)}`);
    return `Against ${against}, ${area} is ${listOf(parts)}.`;
  }).join(' ');
}

/** Red-red flags, or that there are none (or that none can be told). */
function flags(area: string, rows: readonly NarrativeRow[]): string {
  const redRed = rows.filter((r) => r.flag === 'RED_RED');
  if (redRed.length > 0) {
    return `Red-red: ${area} is worse than its comparator and getting worse on ${listOf(redRed.map((r) => shortName(r.indicator)))}.`;
  }
  if (rows.length > 0 && rows.every((r) => r.flag === 'UNKNOWN')) return 'Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend.';
  return rows.length > 0 ? 'No indicator is both worse than its comparator and getting worse.' : '';
}

/** Whether the data agree with what was published, and why not. */
function agreement(outcome: NarrativeOutcome): string {
  const { published, computed } = outcome;
  const says = `${RAG_WORD[computed.rag]}, ${DIRECTION_WORD[computed.direction]}`;
  if (!published || (published.rag === null && published.direction === null)) return `Nothing was published for this outcome; the data say ${says}.`;
  const ragDiffers = published.rag !== null && published.rag !== computed.rag;
  const directionDiffers = published.direction !== null && published.direction !== computed.direction;
  const printed = [published.rag ? RAG_WORD[published.rag] : null, published.direction ? DIRECTION_WORD[published.direction] : null].filter(Boolean).join(', ');
  if (!ragDiffers && !directionDiffers) return `The data agree with what was published (${printed}).`;
  const judged = outcome.rows.filter((r) => ['IMPROVING', 'WORSENING', 'NO_CHANGE'].includes(r.direction));
  const unjudged = outcome.rows.filter((r) => !judged.includes(r));
  const verb: Partial<Record<Direction, string>> = { IMPROVING: 'improved', WORSENING: 'got worse', NO_CHANGE: 'did not change' };
  const moved = judged.length === 1 ? `it ${verb[judged[0].direction]}` : tallyOf(judged);
  const because = unjudged.length > 0 && judged.length > 0
    ? `only ${listOf(judged.map((r) => shortName(r.indicator)))} can be judged from the data (${moved}), while ${listOf(unjudged.map((r) => shortName(r.indicator)))} cannot`
    : judged.length === 0
      ? 'none of its indicators can be judged from the data'
      : `${judged.filter((r) => r.direction === 'IMPROVING').length} of its ${judged.length} indicators improved and ${judged.filter((r) => r.direction === 'WORSENING').length} got worse`;
  return `The dashboard published ${printed}, but the data say ${says}: ${because}.`;
}

/** "5 improved, 1 got worse, 1 rose and 5 cannot be judged": every row counted once. */
function tallyOf(rows: readonly NarrativeRow[]): string {
  const count = (directions: Direction[]) => rows.filter((r) => directions.includes(r.direction)).length;
  const parts = ([
    [count(['IMPROVING']), 'improved'], [count(['WORSENING']), 'got worse'], [count(['NO_CHANGE']), 'did not change'],
    [count(['INCREASING']), 'rose'], [count(['DECREASING']), 'fell'], [count(['NOT_COMPARABLE', 'NO_DATA']), 'cannot be judged'],
  ] as const).filter(([n], i) => n > 0 || i < 2).map(([n, words]) => `${n} ${words}`);
  return listOf(parts);
}

export function outcomeNarrative(outcome: NarrativeOutcome): string {
  return [changes(outcome.rows), comparisons(outcome.area, outcome.rows, outcome.rows.length), flags(outcome.area, outcome.rows), agreement(outcome)]
    .filter((s) => s.length > 0).join(' ');
}

export function dashboardNarrative(dashboard: NarrativeDashboard): string {
  const rows = dashboard.outcomes.flatMap((o) => o.rows);
  const count = (direction: Direction) => rows.filter((r) => r.direction === direction);
  const worse = count('WORSENING');
  const sentences = [`${dashboard.title}, ${dashboard.area}, ${dashboard.period}.`];
  sentences.push(`Of its ${rows.length} indicators, ${tallyOf(rows)} since the previous year${worse.length > 0 ? `; worse: ${listOf(worse.map(withValues))}` : ''}.`);
  const compared = comparisons(dashboard.area, rows, rows.length);
  if (compared) sentences.push(compared);
  const flagged = flags(dashboard.area, rows);
  if (flagged) sentences.push(flagged);
  const disagreeing = dashboard.outcomes.filter((o) => o.published && (
    (o.published.rag !== null && o.published.rag !== o.computed.rag) || (o.published.direction !== null && o.published.direction !== o.computed.direction)));
  const published = dashboard.outcomes.filter((o) => o.published && (o.published.rag !== null || o.published.direction !== null));
  if (published.length === 0) {
    sentences.push(`Nothing was published for its outcomes; the data rate them ${listOf(dashboard.outcomes.map((o) => `${RAG_WORD[o.computed.rag]} (${o.position})`))}.`);
  } else if (disagreeing.length === 0) {
    sentences.push(`For all ${published.length} outcomes the data agree with what was published.`);
  } else {
    sentences.push(`For ${published.length - disagreeing.length} of ${published.length} outcomes the data agree with what was published; ${listOf(disagreeing.map((o) => {
      const printed = [o.published!.rag ? RAG_WORD[o.published!.rag] : null, o.published!.direction ? DIRECTION_WORD[o.published!.direction] : null].filter(Boolean).join(', ');
      return `outcome ${o.position} was published ${printed} but the data say ${RAG_WORD[o.computed.rag]}, ${DIRECTION_WORD[o.computed.direction]}`;
    }))}.`);
  }
  return sentences.join(' ');
}
