/**
 * Reads the quarterly dashboard table format: a Markdown-style heading with the title and
 * reporting period, a tab-separated header row, one row per outcome with HTML fragments in
 * its cells, and the printed page's trailing "This page is intentionally left blank".
 *
 * Pure: text in, a structured table out (or an ImportError naming line and column).
 * It knows the layout, not the indicators: value types and polarities come from the catalogue.
 */
import { parsePeriod, PeriodError, PeriodInfo } from '../analysis/periods';
import { parsePrintedNumber } from '../analysis/format';
import { ImportError, ImportWarning, SourceLocation } from './import-error';

export type PublishedRag = 'RED' | 'AMBER' | 'GREEN' | 'GREY';
export type PublishedDirection = 'IMPROVING' | 'WORSENING' | 'NO_CHANGE';

export interface PrintedValue {
  readonly value: number;
  /** Exactly as printed: `1,259`, `38.9%`. */
  readonly printed: string;
  readonly decimals: number;
  readonly percent: boolean;
  readonly period: PeriodInfo;
  /** The period as printed beside the value, or in the column header when the value gives none. */
  readonly periodPrinted: string;
  readonly location: SourceLocation;
}

export interface ParsedIndicatorRow {
  readonly position: number;
  /** The indicator's name as printed. */
  readonly name: string;
  readonly location: SourceLocation;
  readonly previous: PrintedValue | null;
  /** Where the source gives two different previous-year values: what they were and which is kept. */
  readonly previousConflict: string | null;
  readonly latest: PrintedValue | null;
}

export interface ParsedOutcome {
  readonly position: number;
  readonly location: SourceLocation;
  readonly title: string;
  /** "This will mean ..." where the row gives one. */
  readonly benefit: string | null;
  /** null when the cell is empty: nothing was published (GREY is a published rating, a cell that says Grey). */
  readonly rag: PublishedRag | null;
  readonly progress: PublishedRag | null;
  readonly arrow: string | null;
  readonly direction: PublishedDirection | null;
  readonly comment: string | null;
  readonly indicators: readonly ParsedIndicatorRow[];
}

export interface ParsedDashboardTable {
  readonly file: string;
  /** The heading as printed, without the `#`. */
  readonly heading: string;
  /** The dashboard's name without the "Appendix -" prefix and the period. */
  readonly title: string;
  readonly period: PeriodInfo;
  readonly periodPrinted: string;
  readonly previousPeriod: PeriodInfo;
  readonly previousPeriodPrinted: string;
  readonly latestPeriod: PeriodInfo;
  readonly latestPeriodPrinted: string;
  readonly outcomes: readonly ParsedOutcome[];
  readonly warnings: readonly ImportWarning[];
}

const TRAILER = 'This page is intentionally left blank';

/** The columns this reader needs, by the header's wording. */
const COLUMNS = {
  outcome: /^Outcomes?$/i,
  rag: /^Overall Progress RAG$/i,
  comment: /^Overall Comment$/i,
  indicators: /^Supporting Indicators$/i,
  previous: /^Previous Year\s*\((.+)\)$/i,
  latest: /^Latest Data\s*\((.+?)(?:\s+unless stated)?\)$/i,
  direction: /^Current Direction of Travel$/i,
  progress: /^Progress$/i,
} as const;
type ColumnName = keyof typeof COLUMNS;
/** Columns the layout has but that this table leaves empty; read, kept out of the model. */
const KNOWN_EMPTY_COLUMNS = [/^County Comparison$/i, /^District Comparison$/i];

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  pound: '£', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…',
};

const ARROWS: Record<string, PublishedDirection> = {
  '↑': 'IMPROVING', '⇧': 'IMPROVING', '▲': 'IMPROVING',
  '↓': 'WORSENING', '⇩': 'WORSENING', '▼': 'WORSENING',
  '→': 'NO_CHANGE', '↔': 'NO_CHANGE', '⇔': 'NO_CHANGE', '►': 'NO_CHANGE',
};

const RAG_WORDS: Record<string, PublishedRag> = {
  r: 'RED', red: 'RED', a: 'AMBER', amber: 'AMBER', g: 'GREEN', green: 'GREEN', grey: 'GREY', gray: 'GREY',
};

/** A cell's text with the position of its first character, so errors inside it can point at a column. */
interface Cell {
  readonly text: string;
  readonly line: number;
  /** 1-based column of the cell's first character. */
  readonly column: number;
}

class TableReader {
  readonly warnings: ImportWarning[] = [];
  constructor(readonly file: string) {}

  at(line: number, column?: number): SourceLocation {
    return { file: this.file, line, column };
  }

  fail(line: number, column: number | undefined, problem: string): never {
    throw new ImportError(this.at(line, column), problem);
  }

  warn(line: number, column: number | undefined, message: string): void {
    this.warnings.push({ location: this.at(line, column), message });
  }

  /** Replaces HTML entities; an unknown entity is an error, not a guess. */
  decodeEntities(text: string, cell: Cell, offset: number): string {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string, index: number) => {
      if (!whole.endsWith(';')) {
        return whole; // a bare ampersand, as in "ASB, Crime & Policing Act"
      }
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!Number.isFinite(code) || code > 0x10ffff) {
          this.fail(cell.line, cell.column + offset + index, `"${whole}" is not a character reference`);
        }
        return String.fromCodePoint(code);
      }
      const decoded = ENTITIES[name.toLowerCase()];
      if (decoded === undefined) {
        this.fail(cell.line, cell.column + offset + index, `unknown HTML entity "${whole}"`);
      }
      return decoded;
    });
  }

  /** Plain text of a cell that may hold only inline bold: tags removed, entities decoded, spaces folded. */
  plainText(cell: Cell): string {
    const tag = /<(\/?)([a-z0-9]+)[^>]*>/gi.exec(cell.text);
    if (tag && !/^(b|strong|i|em|br)$/i.test(tag[2])) {
      this.fail(cell.line, cell.column + tag.index, `unexpected <${tag[1]}${tag[2]}> tag in this column`);
    }
    this.checkBalanced(cell);
    const stripped = cell.text.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?(b|strong|i|em)>/gi, '');
    return this.decodeEntities(stripped, cell, 0).replace(/\s+/g, ' ').trim();
  }

  /** Every opening tag closed, in order; a truncated or garbled cell fails here. */
  checkBalanced(cell: Cell): void {
    const open: Array<{ name: string; index: number }> = [];
    const tags = /<(\/?)([a-z0-9]+)\b[^>]*?(\/?)>|<(?![a-z/])|<[^>]*$/gi;
    for (let match = tags.exec(cell.text); match; match = tags.exec(cell.text)) {
      const column = cell.column + match.index;
      if (match[2] === undefined) {
        if (match[0] === '<') continue; // a literal less-than sign in prose
        this.fail(cell.line, column, `unterminated tag "${match[0].slice(0, 20)}"`);
      }
      const name = match[2].toLowerCase();
      if (name === 'br' || match[3] === '/') continue;
      if (match[1] === '') {
        open.push({ name, index: match.index });
      } else {
        const last = open.pop();
        if (!last) this.fail(cell.line, column, `</${name}> closes a tag that was never opened`);
        if (last.name !== name) {
          this.fail(cell.line, column, `</${name}> found where </${last.name}> (opened at column ${cell.column + last.index}) should close first`);
        }
      }
    }
    const unclosed = open.pop();
    if (unclosed) {
      this.fail(cell.line, cell.column + unclosed.index, `<${unclosed.name}> is never closed; is the file truncated?`);
    }
  }

  /** An empty cell is null: nothing published. `expected` columns say so in a warning. */
  rag(cell: Cell, expected: boolean, column: string): PublishedRag | null {
    const text = this.plainText(cell);
    if (text === '') {
      if (expected) this.warn(cell.line, cell.column, `no ${column} is published for this outcome; it is stored as null (not published, which is not GREY)`);
      return null;
    }
    const rag = RAG_WORDS[text.toLowerCase()];
    if (!rag) this.fail(cell.line, cell.column, `"${text}" is not a RAG rating: expected R, A, G (or Red, Amber, Green, Grey)`);
    return rag;
  }

  arrow(cell: Cell): { arrow: string | null; direction: PublishedDirection | null } {
    const text = this.plainText(cell);
    if (text === '') return { arrow: null, direction: null };
    const direction = ARROWS[text];
    if (!direction) this.fail(cell.line, cell.column, `"${text}" is not a direction-of-travel arrow: expected ↑, ↓ or →`);
    return { arrow: text, direction };
  }

  period(text: string, line: number, column: number): PeriodInfo {
    try {
      return parsePeriod(text);
    } catch (error) {
      if (error instanceof PeriodError) this.fail(line, column, error.message);
      throw error;
    }
  }

  number(text: string, line: number, column: number, what: string): { value: number; decimals: number; percent: boolean } {
    const parsed = parsePrintedNumber(text);
    if (!parsed) this.fail(line, column, `${what} "${text}" is not a number`);
    return parsed;
  }

  /** `<p>Name <b>value</b></p>` elements: one per supporting indicator. */
  supportingIndicators(cell: Cell): Array<{ name: string; bold: string | null; boldColumn: number; column: number }> {
    this.checkBalanced(cell);
    const result: Array<{ name: string; bold: string | null; boldColumn: number; column: number }> = [];
    const paragraph = /<p>([\s\S]*?)<\/p>/gi;
    let consumed = 0;
    for (let match = paragraph.exec(cell.text); match; match = paragraph.exec(cell.text)) {
      const between = cell.text.slice(consumed, match.index);
      if (between.trim() !== '') {
        this.fail(cell.line, cell.column + consumed + between.search(/\S/), `text outside a <p> element in Supporting Indicators: "${between.trim().slice(0, 40)}"`);
      }
      consumed = match.index + match[0].length;
      const inner = match[1];
      const innerOffset = match.index + 3;
      const bold = /<b>([^<]*)<\/b>\s*$/i.exec(inner);
      const nameHtml = bold ? inner.slice(0, bold.index) : inner;
      if (/<[^>]*>/.test(nameHtml)) {
        this.fail(cell.line, cell.column + innerOffset + nameHtml.search(/</), 'an indicator is written as its name followed by its previous-year value in bold: <p>Name <b>value</b></p>');
      }
      const name = this.decodeEntities(nameHtml, cell, innerOffset).replace(/\s+/g, ' ').trim();
      if (name === '') this.fail(cell.line, cell.column + innerOffset, 'a supporting indicator has no name');
      result.push({
        name,
        bold: bold ? this.decodeEntities(bold[1], cell, innerOffset + bold.index + 3).trim() : null,
        boldColumn: cell.column + innerOffset + (bold ? bold.index + 3 : 0),
        column: cell.column + innerOffset,
      });
    }
    const rest = cell.text.slice(consumed);
    if (rest.trim() !== '') {
      this.fail(cell.line, cell.column + consumed + rest.search(/\S/), `text outside a <p> element in Supporting Indicators: "${rest.trim().slice(0, 40)}"`);
    }
    if (result.length === 0) this.fail(cell.line, cell.column, 'no supporting indicators: expected <p>Name <b>value</b></p> elements');
    return result;
  }

  /** `55.7% (Q2 2014-15) 0.33 (Apr-Jun 2014) 244`: values in indicator order, each with an optional own period. */
  latestValues(cell: Cell): Array<{ printed: string; periodText: string | null; column: number; periodColumn: number }> {
    const tag = cell.text.indexOf('<');
    if (tag >= 0) this.fail(cell.line, cell.column + tag, 'Latest Data holds values, each optionally followed by its period in brackets, and no markup');
    const values: Array<{ printed: string; periodText: string | null; column: number; periodColumn: number }> = [];
    const token = /\s*(-?[\d,]*\.?\d+%?)(?:\s*\(([^()]*)\))?\s*/y;
    const source = cell.text.trimEnd();
    let index = source.length - source.trimStart().length;
    while (index < source.length) {
      token.lastIndex = index;
      const match = token.exec(source);
      if (!match) {
        this.fail(cell.line, cell.column + index, `expected a value such as 45.91, 27% or 713 (Apr-Sept 2014) in Latest Data, found "${source.slice(index, index + 25)}"`);
      }
      values.push({
        printed: match[1],
        periodText: match[2] === undefined ? null : this.decodeEntities(match[2], cell, match.index).replace(/\s+/g, ' ').trim(),
        column: cell.column + match.index + match[0].indexOf(match[1]),
        periodColumn: cell.column + match.index + match[0].indexOf('(') + 1,
      });
      index = token.lastIndex;
    }
    return values;
  }
}

function splitCells(line: string, lineNumber: number): Cell[] {
  const cells: Cell[] = [];
  let column = 1;
  for (const text of line.split('\t')) {
    cells.push({ text, line: lineNumber, column });
    column += text.length + 1;
  }
  return cells;
}

/** Splits "Title: This will mean ..." into the outcome and its benefit statement. */
function splitBenefit(text: string): { title: string; benefit: string | null } {
  const match = /^(.*?):\s*(This will mean\b.*)$/i.exec(text);
  return match ? { title: match[1].trim(), benefit: match[2].trim() } : { title: text, benefit: null };
}

export function parseDashboardTable(source: string, file: string): ParsedDashboardTable {
  const reader: TableReader = new TableReader(file);
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let index = 0;
  const skipBlank = (): void => {
    while (index < lines.length && lines[index].trim() === '') index++;
  };

  skipBlank();
  if (index >= lines.length) reader.fail(1, 1, 'the file is empty');
  const headingLine = index + 1;
  const headingMatch = /^#+\s*(.+?)\s*$/.exec(lines[index]);
  if (!headingMatch) {
    reader.fail(headingLine, 1, 'expected the heading first, e.g. "# Appendix - Safer Communities Performance Dashboard 2014/15 Q2"');
  }
  const heading = headingMatch[1];
  const periodMatch = /^(.*?)\s+(\d{4}\/\d{2}\s+Q[1-4]|Q[1-4]\s+\d{4}[-/]\d{2}|\d{4}[-/]\d{2})$/i.exec(heading);
  if (!periodMatch) {
    reader.fail(headingLine, lines[index].length + 1, `the heading "${heading}" does not end with its reporting period, e.g. 2014/15 Q2 or 2014-15`);
  }
  const periodColumn = lines[index].lastIndexOf(periodMatch[2]) + 1;
  const period = reader.period(periodMatch[2], headingLine, periodColumn);
  const title = periodMatch[1].replace(/^Appendix\s*[-–:]\s*/i, '').trim();
  index++;

  skipBlank();
  if (index >= lines.length) reader.fail(index, 1, 'the file ends after the heading: the header row and outcome rows are missing; is the file truncated?');
  const headerLine = index + 1;
  const headerCells = splitCells(lines[index], headerLine);
  const columnOf = new Map<ColumnName, number>();
  let previousHeader: RegExpExecArray | null = null;
  let latestHeader: RegExpExecArray | null = null;
  headerCells.forEach((cell, position) => {
    const text = cell.text.trim();
    const name = (Object.keys(COLUMNS) as ColumnName[]).find((column) => COLUMNS[column].test(text));
    if (name) {
      if (columnOf.has(name)) reader.fail(headerLine, cell.column, `the column "${text}" appears twice`);
      columnOf.set(name, position);
      if (name === 'previous') previousHeader = COLUMNS.previous.exec(text);
      if (name === 'latest') latestHeader = COLUMNS.latest.exec(text);
    } else if (!KNOWN_EMPTY_COLUMNS.some((pattern) => pattern.test(text))) {
      reader.warn(headerLine, cell.column, `the column "${text}" is not part of this layout and is ignored`);
    }
  });
  for (const name of Object.keys(COLUMNS) as ColumnName[]) {
    if (!columnOf.has(name)) {
      reader.fail(headerLine, 1, `the header row has no "${COLUMNS[name].source.replace(/[\^$\\]|\(.*\)|\?/g, '').replace(/s\*/g, ' ').trim()}" column`);
    }
  }
  const cellOf = (cells: Cell[], name: ColumnName): Cell => cells[columnOf.get(name)!];
  const previousPrinted = (previousHeader as RegExpExecArray | null)![1].trim();
  const latestPrinted = (latestHeader as RegExpExecArray | null)![1].trim();
  const previousCell = cellOf(headerCells, 'previous');
  const latestCell = cellOf(headerCells, 'latest');
  const previousPeriod = reader.period(previousPrinted, headerLine, previousCell.column + previousCell.text.indexOf('(') + 1);
  const latestPeriod = reader.period(latestPrinted, headerLine, latestCell.column + latestCell.text.indexOf('(') + 1);
  index++;

  const outcomes: ParsedOutcome[] = [];
  let sawTrailer = false;
  for (; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index];
    if (line.trim() === '') continue;
    if (!line.includes('\t')) {
      if (line.trim() === TRAILER) {
        sawTrailer = true;
        continue;
      }
      reader.fail(lineNumber, 1, sawTrailer
        ? `unexpected text after "${TRAILER}"`
        : `expected an outcome row with ${headerCells.length} tab-separated cells or "${TRAILER}", found "${line.trim().slice(0, 40)}"`);
    }
    if (sawTrailer) reader.fail(lineNumber, 1, `unexpected row after "${TRAILER}"`);
    const cells = splitCells(line, lineNumber);
    if (cells.length !== headerCells.length) {
      reader.fail(lineNumber, line.length + 1, `expected ${headerCells.length} tab-separated cells as in the header (line ${headerLine}), found ${cells.length}; is the row cut short?`);
    }
    outcomes.push(readOutcome(reader, cells, cellOf, outcomes.length + 1, { previousPeriod, previousPrinted, latestPeriod, latestPrinted }));
  }
  if (outcomes.length === 0) reader.fail(lines.length, 1, 'the table has no outcome rows; is the file truncated?');
  if (!sawTrailer) {
    reader.fail(lines.length, lines[lines.length - 1].length + 1, `the file ends without "${TRAILER}", which closes the printed table; is the file truncated?`);
  }
  return {
    file, heading, title, period, periodPrinted: periodMatch[2],
    previousPeriod, previousPeriodPrinted: previousPrinted,
    latestPeriod, latestPeriodPrinted: latestPrinted,
    outcomes, warnings: reader.warnings,
  };
}

interface ColumnPeriods {
  previousPeriod: PeriodInfo;
  previousPrinted: string;
  latestPeriod: PeriodInfo;
  latestPrinted: string;
}

function readOutcome(
  reader: TableReader,
  cells: Cell[],
  cellOf: (cells: Cell[], name: ColumnName) => Cell,
  position: number,
  periods: ColumnPeriods,
): ParsedOutcome {
  const outcomeCell = cellOf(cells, 'outcome');
  const location = reader.at(outcomeCell.line, outcomeCell.column);
  const { title, benefit } = splitBenefit(reader.plainText(outcomeCell));
  if (title === '') reader.fail(outcomeCell.line, outcomeCell.column, 'the outcome has no title');
  const comment = reader.plainText(cellOf(cells, 'comment'));
  const { arrow, direction } = reader.arrow(cellOf(cells, 'direction'));

  const supporting = reader.supportingIndicators(cellOf(cells, 'indicators'));
  const previousCell = cellOf(cells, 'previous');
  const previousText = reader.plainText(previousCell);
  const latest = reader.latestValues(cellOf(cells, 'latest'));
  if (latest.length > supporting.length) {
    const extra = latest[supporting.length];
    reader.fail(cells[0].line, extra.column, `Latest Data has ${latest.length} values but the row has ${supporting.length} supporting indicators`);
  }
  const line = outcomeCell.line;

  const indicators = supporting.map((indicator, i): ParsedIndicatorRow => {
    let previous: PrintedValue | null = null;
    let previousConflict: string | null = null;
    if (indicator.bold !== null && indicator.bold !== '') {
      const parsed = reader.number(indicator.bold, line, indicator.boldColumn, `the previous-year value of "${indicator.name}"`);
      previous = {
        ...parsed, printed: indicator.bold, period: periods.previousPeriod, periodPrinted: periods.previousPrinted,
        location: reader.at(line, indicator.boldColumn),
      };
    }
    // The Previous Year cell repeats the headline (first) indicator's value; where the two
    // disagree the column wins, since it is the figure the board reads, and the conflict is reported.
    if (i === 0 && previousText !== '') {
      const parsed = reader.number(previousText, line, previousCell.column, 'the Previous Year value');
      if (previous && (previous.value !== parsed.value || previous.percent !== parsed.percent)) {
        previousConflict = `The dashboard shows ${previous.printed} in bold beside "${indicator.name}" but ${previousText} in the Previous Year column; ${previousText} is kept as the ${periods.previousPrinted} value.`;
        reader.warn(line, previousCell.column, `conflict: ${previousConflict}`);
      }
      previous = {
        ...parsed, printed: previousText, period: periods.previousPeriod, periodPrinted: periods.previousPrinted,
        location: reader.at(line, previousCell.column),
      };
    }
    if (!previous) {
      reader.warn(line, indicator.column, `"${indicator.name}" has no previous-year value; it is stored as missing`);
    }
    const printedLatest = latest[i];
    let latestValue: PrintedValue | null = null;
    if (printedLatest) {
      const parsed = reader.number(printedLatest.printed, line, printedLatest.column, `the latest value of "${indicator.name}"`);
      const ownPeriod = printedLatest.periodText;
      latestValue = {
        ...parsed,
        printed: printedLatest.printed,
        period: ownPeriod === null ? periods.latestPeriod : reader.period(ownPeriod, line, printedLatest.periodColumn),
        periodPrinted: ownPeriod ?? periods.latestPrinted,
        location: reader.at(line, printedLatest.column),
      };
    }
    return { position: i + 1, name: indicator.name, location: reader.at(line, indicator.column), previous, previousConflict, latest: latestValue };
  });
  const missing = indicators.filter((indicator) => indicator.latest === null);
  if (missing.length > 0) {
    const latestCell = cellOf(cells, 'latest');
    reader.warn(line, latestCell.column,
      `Latest Data gives ${latest.length} value${latest.length === 1 ? '' : 's'} for ${indicators.length} indicators; ` +
      `no latest value for ${missing.map((indicator) => `"${indicator.name}"`).join(', ')} (stored as missing, not zero)`);
  }

  return {
    position,
    location,
    title,
    benefit,
    rag: reader.rag(cellOf(cells, 'rag'), true, 'Overall Progress RAG'),
    progress: reader.rag(cellOf(cells, 'progress'), false, 'Progress'),
    arrow,
    direction,
    comment: comment === '' ? null : comment,
    indicators,
  };
}
