/**
 * `/dashboards/<slug>`: the table as it was published, and beside it what the data says. The table
 * shows as soon as its request answers; the two comparison columns fill in from their own requests.
 */
import { useEffect } from 'react';
import { Link } from 'wouter';
import { errorAt, useQuery, type ApiError, type QueryState } from '../api';
import { CsvDownload, toCsv, unpublishedColumn, type Column } from '../components/data-table';
import { ApiProblem, DirectionText, Judgement, Loading, NotFound, Problem, RagBadge, UnpublishedMark, usePageTitle } from '../components/common';
import { DashboardDistrictsQuery, DashboardPeersQuery, DashboardTableQuery } from '../queries';
import { OUTCOME_TEXT } from '../format';
import type {
  DashboardDistrictsQuery as DistrictsResult,
  DashboardPageQuery as TableResult,
  DashboardPeersQuery as PeersResult,
} from '../gql/graphql';

type Dashboard = NonNullable<TableResult['dashboard']>;
type Outcome = Dashboard['outcomes'][number];
type Supporting = Outcome['supportingIndicators'][number];
type Value = Supporting['latestValue'];
type Districts = NonNullable<NonNullable<DistrictsResult['dashboard']>['outcomes'][number]['supportingIndicators'][number]['districtComparison']>;
type Peers = NonNullable<NonNullable<PeersResult['dashboard']>['outcomes'][number]['supportingIndicators'][number]['countyComparison']>;

/** What a comparison column holds for one row: the comparison, why there is none, or not yet. */
type Cell<T> = { state: 'loading' } | { state: 'missing'; reason: string } | { state: 'done'; value: T };


/** One printed row: a supporting indicator with its outcome, and its two comparison cells. */
type FlagResult = NonNullable<NonNullable<PeersResult['dashboard']>['outcomes'][number]['supportingIndicators'][number]['flag']>;

interface Row {
  outcome: Outcome;
  first: boolean;
  span: number;
  supporting: Supporting;
  districts: Cell<Districts>;
  peers: Cell<Peers>;
  flag: Cell<FlagResult>;
}

function cellFrom<R, T>(
  state: QueryState<R>,
  path: Array<string | number>,
  pick: (data: R) => T | null | undefined,
  what: string,
): Cell<T> {
  if (state.status === 'loading') return { state: 'loading' };
  if (state.status === 'failed') return { state: 'missing', reason: `The ${what} could not be loaded: ${state.message}` };
  const value = state.data ? pick(state.data) : null;
  if (value) return { state: 'done', value };
  const error: ApiError | undefined = errorAt(state.errors, ...path) ?? state.errors[0];
  return { state: 'missing', reason: error ? error.message : `No ${what} for this row.` };
}

function rowsOf(dashboard: Dashboard, districts: QueryState<DistrictsResult>, peers: QueryState<PeersResult>): Row[] {
  return dashboard.outcomes.flatMap((outcome, o) =>
    outcome.supportingIndicators.map((supporting, s) => {
      const path = ['dashboard', 'outcomes', o, 'supportingIndicators', s];
      return {
        outcome,
        first: s === 0,
        span: outcome.supportingIndicators.length,
        supporting,
        districts: cellFrom(districts, [...path, 'districtComparison'], (d) => d.dashboard?.outcomes[o]?.supportingIndicators[s]?.districtComparison, 'district comparison'),
        peers: cellFrom(peers, [...path, 'countyComparison'], (d) => d.dashboard?.outcomes[o]?.supportingIndicators[s]?.countyComparison, 'county comparison'),
        flag: cellFrom(peers, [...path, 'flag'], (d) => d.dashboard?.outcomes[o]?.supportingIndicators[s]?.flag, 'flag'),
      };
    }),
  );
}

/**
 * The notes under the table, numbered in reading order; the same text keeps one number (the
 * police.uk rows share their population caveat), so the table stays as compact as the printed one.
 */
type Notes = Map<string, number>;

function notesOf(rows: Row[]): Notes {
  const notes: Notes = new Map();
  const add = (text: string | null | undefined) => {
    if (text && !notes.has(text)) notes.set(text, notes.size + 1);
  };
  for (const { supporting } of rows) [supporting.note, supporting.previousValue?.note, supporting.latestValue?.note].forEach(add);
  // Then why comparison cells are empty: these arrive later, so they number after the value notes.
  for (const row of rows) [peersReason(row.peers), districtsReason(row.districts)].forEach(add);
  return notes;
}

function NoteRef({ notes, text }: { notes: Notes; text: string | null | undefined }) {
  const n = text ? notes.get(text) : undefined;
  if (!n) return null;
  return <sup className="note-ref"><a href={`#note-${n}`} aria-label={`Note ${n}`}>{n}</a></sup>;
}

/** A value as printed, with its own period and a reference to any note. */
function ValueCell({ value, notes }: { value: Value; notes: Notes }) {
  if (!value) return <span className="muted">Not shown</span>;
  return (
    <div className="value-cell">
      <span className="value">{value.formatted}</span><NoteRef notes={notes} text={value.note} />{' '}
      <span className="period">{value.periodLabel}</span>
      {value.embargo ? <> <UnpublishedMark draft={value.embargo} /></> : null}
    </div>
  );
}

const valueText = (value: Value): string => (value ? value.formatted : '');

function districtsText(cell: Cell<Districts>): string {
  if (cell.state === 'loading') return '';
  if (cell.state === 'missing') return cell.reason;
  const compared = cell.value.members.filter((m) => m.outcome !== 'NOT_COMPARED');
  if (compared.length === 0) return cell.value.explanation;
  return cell.value.members.map((m) => `${m.area.name}: ${OUTCOME_TEXT[m.outcome]}${m.value ? ` (${m.value.formatted})` : ''}`).join('; ');
}

function peersText(cell: Cell<Peers>): string {
  if (cell.state === 'loading') return '';
  if (cell.state === 'missing') return cell.reason;
  const subject = cell.value.subject;
  if (!subject || subject.outcome === 'NOT_COMPARED') return cell.value.explanation;
  return `${OUTCOME_TEXT[subject.outcome]} against ${cell.value.benchmark.label}${subject.rank ? `, rank ${subject.rank} of ${subject.groupSize}` : ''} (${cell.value.period.label})`;
}

/** Why a comparison cell is empty: the reason is a numbered note under the table, as the value notes are. */
function NotCompared({ reason, notes }: { reason: string; notes: Notes }) {
  return (
    <span className="outcome outcome-not_compared">Not compared<NoteRef notes={notes} text={reason} /></span>
  );
}

/** The reason a comparison cell gives instead of a comparison; null when it has one (or is loading). */
function districtsReason(cell: Cell<Districts>): string | null {
  if (cell.state === 'loading') return null;
  if (cell.state === 'missing') return cell.reason;
  return cell.value.members.some((m) => m.outcome !== 'NOT_COMPARED') ? null : cell.value.explanation;
}

function peersReason(cell: Cell<Peers>): string | null {
  if (cell.state === 'loading') return null;
  if (cell.state === 'missing') return cell.reason;
  const subject = cell.value.subject;
  return subject && subject.outcome !== 'NOT_COMPARED' ? null : cell.value.explanation;
}

function DistrictsCell({ cell, notes }: { cell: Cell<Districts>; notes: Notes }) {
  if (cell.state === 'loading') return <span className="loading-cell" role="status">Comparing districts…</span>;
  const reason = districtsReason(cell);
  if (reason !== null || cell.state !== 'done') return <NotCompared reason={reason ?? ''} notes={notes} />;
  const comparison = cell.value;
  return (
    <div className="comparison-cell">
      <p className="comparison-period">Against {comparison.benchmark.label}, {comparison.period.label}</p>
      <ul className="members" aria-label={`Districts against ${comparison.benchmark.label}`}>
        {comparison.members.map((m) => (
          <li key={m.area.code} data-area={m.area.code} data-outcome={m.outcome}>
            <span className="member-name">{m.area.name}</span>{' '}
            <span className={`outcome outcome-${m.outcome.toLowerCase()}`}>{OUTCOME_TEXT[m.outcome]}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden">{comparison.explanation}</p>
    </div>
  );
}

function PeersCell({ cell, notes }: { cell: Cell<Peers>; notes: Notes }) {
  if (cell.state === 'loading') return <span className="loading-cell" role="status">Comparing with peers…</span>;
  const reason = peersReason(cell);
  if (reason !== null || cell.state !== 'done' || !cell.value.subject) return <NotCompared reason={reason ?? ''} notes={notes} />;
  const comparison = cell.value;
  const subject = cell.value.subject;
  return (
    <Judgement label={`County comparison: ${OUTCOME_TEXT[subject.outcome]}`} explanation={comparison.explanation}>
      <span className={`outcome outcome-${subject.outcome.toLowerCase()}`} data-outcome={subject.outcome}>{OUTCOME_TEXT[subject.outcome]}</span>
      <span className="comparison-detail">
        {subject.rank ? `, rank ${subject.rank} of ${subject.groupSize}` : ''} ({comparison.period.label})
      </span>
    </Judgement>
  );
}

const FLAG_TEXT: Record<FlagResult['flag'], string> = {
  RED_RED: 'Red-red', WORSE_NOT_WORSENING: 'Worse, not worsening', WORSENING_NOT_WORSE: 'Worsening, not worse', NONE: 'No flag', UNKNOWN: 'Flag unknown',
};

/** A row's flag: worse than the comparator and getting worse (red-red), either, neither, or unknown; the sentence on hover or focus. */
function FlagCell({ cell }: { cell: Cell<FlagResult> }) {
  if (cell.state === 'loading') return null;
  if (cell.state === 'missing') return <span className="flag flag-unknown" data-flag="UNKNOWN">Flag unknown</span>;
  return (
    <Judgement label={`Flag: ${cell.value.flag}`} explanation={cell.value.explanation}>
      <span className={`flag flag-${cell.value.flag.toLowerCase().replace(/_/g, '-')}`} data-flag={cell.value.flag}>{FLAG_TEXT[cell.value.flag]}</span>
    </Judgement>
  );
}

function csvColumns(dashboard: Dashboard, rows: readonly Row[]): Column<Row>[] {
  return [
    { header: 'Outcome', text: (r) => `${r.outcome.position}. ${r.outcome.title}` },
    { header: 'Benefit', text: (r) => r.outcome.benefit ?? '' },
    { header: 'Overall Progress RAG (published)', text: (r) => r.outcome.reported?.rag ?? '' },
    { header: 'Overall Progress RAG (computed)', text: (r) => r.outcome.rag?.status ?? '' },
    { header: 'Overall Comment', text: (r) => r.outcome.reported?.comment ?? '' },
    { header: 'Supporting Indicator', text: (r) => r.supporting.indicator.name },
    { header: 'Indicator id', text: (r) => r.supporting.indicator.id },
    { header: `Previous Year (${dashboard.previousPeriodLabel ?? dashboard.previousPeriod?.label ?? ''})`, text: (r) => valueText(r.supporting.previousValue) },
    { header: 'Previous Year period', text: (r) => r.supporting.previousValue?.periodLabel ?? '' },
    { header: `Latest Data (${dashboard.latestPeriodLabel ?? dashboard.latestPeriod?.label ?? ''})`, text: (r) => valueText(r.supporting.latestValue) },
    { header: 'Latest Data period', text: (r) => r.supporting.latestValue?.periodLabel ?? '' },
    // A draft's figures not yet published (a key's view); no such column for a published dashboard.
    ...unpublishedColumn(rows, (r) => r.supporting.latestValue?.embargo ?? r.supporting.previousValue?.embargo),
    { header: 'Notes', text: (r) => [r.supporting.note, r.supporting.previousValue?.note, r.supporting.latestValue?.note].filter(Boolean).join(' ') },
    { header: 'Current Direction of Travel (published)', text: (r) => r.outcome.reported?.arrow ?? '' },
    { header: 'Direction of travel (computed, outcome)', text: (r) => r.outcome.directionOfTravel?.direction ?? '' },
    { header: 'Progress (published)', text: (r) => r.outcome.reported?.progress ?? '' },
    { header: 'Direction of travel (computed, indicator)', text: (r) => r.supporting.directionOfTravel?.direction ?? '' },
    { header: 'RAG (computed, indicator)', text: (r) => r.supporting.rag?.status ?? '' },
    { header: 'Flag (computed)', text: (r) => (r.flag.state === 'done' ? r.flag.value.flag : '') },
    { header: 'County Comparison', text: (r) => peersText(r.peers) },
    { header: 'District Comparison', text: (r) => districtsText(r.districts) },
  ];
}

/** The outcome's first three printed columns; its direction and progress follow the values (DirectionCells). */
function OutcomeCells({ row }: { row: Row }) {
  const { outcome } = row;
  const reported = outcome.reported;
  const ragDiffers = Boolean(reported?.rag && outcome.rag && reported.rag !== outcome.rag.status);
  return (
    <>
      <th scope="rowgroup" rowSpan={row.span} className="outcome-title">
        <span className="outcome-number">{outcome.position}.</span> {outcome.title}
        {outcome.benefit ? <p className="benefit">{outcome.benefit}</p> : null}
      </th>
      <td rowSpan={row.span} className="rag-cell">
        <div className="published"><RagBadge rag={reported?.rag} label="Published" /></div>
        {outcome.rag ? (
          <div className="computed">
            <span className="computed-label">Data:</span>{' '}
            <Judgement label={`Computed RAG: ${outcome.rag.status}`} explanation={outcome.rag.explanation} disagrees={ragDiffers}>
              <RagBadge rag={outcome.rag.status} />
            </Judgement>
          </div>
        ) : null}
      </td>
      <td rowSpan={row.span} className="comment">{reported?.comment ?? <span className="muted">None published</span>}</td>
    </>
  );
}

function DirectionCells({ row }: { row: Row }) {
  const { outcome } = row;
  const reported = outcome.reported;
  const computed = outcome.directionOfTravel;
  const differs = Boolean(reported?.direction && computed && reported.direction !== computed.direction);
  return (
    <>
      <td rowSpan={row.span} className="direction-cell">
        <div className="published"><DirectionText direction={reported?.direction} arrow={reported?.arrow} /></div>
        {computed ? (
          <div className="computed">
            <span className="computed-label">Data:</span>{' '}
            <Judgement label={`Computed direction: ${computed.direction}`} explanation={computed.explanation} disagrees={differs}>
              <DirectionText direction={computed.direction} arrow={computed.arrow} />
            </Judgement>
          </div>
        ) : null}
      </td>
      <td rowSpan={row.span} className="rag-cell"><RagBadge rag={reported?.progress} label="Progress" /></td>
    </>
  );
}

function IndicatorRow({ row, dashboard, notes }: { row: Row; dashboard: Dashboard; notes: Notes }) {
  const { supporting } = row;
  const direction = supporting.directionOfTravel;
  const rag = supporting.rag;
  const href = `/indicators/${supporting.indicator.id}?area=${encodeURIComponent(dashboard.area.code)}`;
  return (
    <tr data-row={supporting.id}>
      {row.first ? <OutcomeCells row={row} /> : null}
      <th scope="row" className="indicator-name">
        <Link href={href}>{supporting.indicator.name}</Link>
        <NoteRef notes={notes} text={supporting.note} />
      </th>
      <td className="numeric previous"><ValueCell value={supporting.previousValue} notes={notes} /></td>
      <td className="numeric latest"><ValueCell value={supporting.latestValue} notes={notes} /></td>
      {row.first ? <DirectionCells row={row} /> : null}
      <td className="data-says">
        {direction ? (
          <Judgement label={`Direction of travel: ${direction.direction}`} explanation={`${direction.explanation} Method: ${direction.method}`}>
            <DirectionText direction={direction.direction} arrow={direction.arrow} />
            {direction.significant ? <span className="significance"> (significant)</span> : null}
          </Judgement>
        ) : null}
        {rag ? (
          <div>
            <Judgement label={`RAG: ${rag.status}`} explanation={`${rag.explanation} Rule: ${rag.rule}`}>
              <RagBadge rag={rag.status} />
            </Judgement>
          </div>
        ) : null}
        <div className="flag-line"><FlagCell cell={row.flag} /></div>
      </td>
      <td className="county-comparison"><PeersCell cell={row.peers} notes={notes} /></td>
      <td className="district-comparison"><DistrictsCell cell={row.districts} notes={notes} /></td>
    </tr>
  );
}

function Table({ dashboard, rows, notes }: { dashboard: Dashboard; rows: Row[]; notes: Notes }) {
  // A user timing mark when the table is first on screen: what bench/web.bench.ts reports, and a
  // hook for a front end's own real-user monitoring.
  useEffect(() => {
    if (performance.getEntriesByName('dashboard-table').length === 0) performance.mark('dashboard-table');
  }, []);
  const previous = dashboard.previousPeriodLabel ?? dashboard.previousPeriod?.label;
  const latest = dashboard.latestPeriodLabel ?? dashboard.latestPeriod?.label;
  const byOutcome = dashboard.outcomes.map((outcome) => rows.filter((r) => r.outcome.id === outcome.id));
  return (
    <table className="dashboard-table" id="dashboard-table">
      <caption>
        {dashboard.heading}. {dashboard.status === 'DRAFT' ? 'Figures as supplied so far' : 'Published figures as printed'}; the <span className="computed-label">Data:</span> lines and the
        three right-hand columns are computed from the data by this server (focus or hover for the explanation; ≠ marks a
        judgement that differs from the published one).
      </caption>
      <colgroup>
        <col className="col-outcome" /><col className="col-rag" /><col className="col-comment" /><col className="col-indicator" />
        <col className="col-value" /><col className="col-value" /><col className="col-direction" /><col className="col-rag" />
        <col className="col-says" /><col className="col-county" /><col className="col-district" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          <th scope="col">Overall Progress RAG</th>
          <th scope="col">Overall Comment</th>
          <th scope="col">Supporting Indicators</th>
          <th scope="col" className="numeric">Previous Year{previous ? ` (${previous})` : ''}</th>
          <th scope="col" className="numeric">Latest Data{latest ? ` (${latest} unless stated)` : ''}</th>
          <th scope="col">Current Direction of Travel</th>
          <th scope="col">Progress</th>
          <th scope="col">What the data says</th>
          <th scope="col">County Comparison</th>
          <th scope="col">District Comparison</th>
        </tr>
      </thead>
      {byOutcome.map((outcomeRows, i) => (
        <tbody key={dashboard.outcomes[i].id} data-outcome={dashboard.outcomes[i].position}>
          {outcomeRows.map((row) => <IndicatorRow key={row.supporting.id} row={row} dashboard={dashboard} notes={notes} />)}
        </tbody>
      ))}
    </table>
  );
}

export function DashboardPage({ slug }: { slug: string }) {
  const table = useQuery(DashboardTableQuery, { slug });
  // The comparison columns are asked for once the table has its answer, so that the server
  // (one thread) answers the table first; they fill in a moment later.
  const tableLoading = table.status === 'loading';
  const districts = useQuery(DashboardDistrictsQuery, { slug }, { wait: tableLoading });
  const peers = useQuery(DashboardPeersQuery, { slug }, { wait: tableLoading });
  const dashboard = table.status === 'done' ? table.data?.dashboard ?? null : null;
  usePageTitle(dashboard ? `${dashboard.title}, ${dashboard.area.name}, ${dashboard.period.label}` : 'Dashboard');

  if (table.status === 'loading') return <Loading what="the dashboard" />;
  if (table.status === 'failed') return <Problem>The dashboard could not be loaded: {table.message}</Problem>;
  if (!dashboard) {
    return <NotFound what="dashboard" id={slug} errors={table.errors} />;
  }
  const rows = rowsOf(dashboard, districts, peers);
  const notes = notesOf(rows);
  const comparing = districts.status === 'loading' || peers.status === 'loading';
  return (
    <article className="dashboard">
      <p className="breadcrumb"><Link href="/">Dashboards</Link> › {dashboard.area.name}</p>
      <h1>{dashboard.title}</h1>
      {dashboard.status === 'DRAFT' ? (
        <p className="draft-banner" data-draft>
          <strong>Draft, not published.</strong> Only API keys that read {dashboard.area.name} see it; values marked
          Unpublished are seen by nobody else until the board publishes the dashboard.
        </p>
      ) : null}
      <dl className="facts">
        <div><dt>Area</dt><dd>{dashboard.area.name} <span className="muted">({dashboard.area.code})</span></dd></div>
        <div><dt>Period</dt><dd>{dashboard.period.label}</dd></div>
        <div><dt>{dashboard.status === 'DRAFT' ? 'To be published as' : 'Published as'}</dt><dd>{dashboard.heading}</dd></div>
        {dashboard.publishedAt ? <div><dt>Published</dt><dd>{new Date(dashboard.publishedAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })}</dd></div> : null}
        {dashboard.source ? <div className="no-print"><dt>Source</dt><dd><code>{dashboard.source}</code></dd></div> : null}
      </dl>
      <ApiProblem errors={table.errors} before="Some parts could not be computed:" />
      <section className="narrative" aria-labelledby="narrative-heading">
        <h2 id="narrative-heading">What the data say</h2>
        {peers.status === 'done' && peers.data?.dashboard?.narrative
          ? <p data-narrative>{peers.data.dashboard.narrative}</p>
          : peers.status === 'loading' ? <p className="loading" role="status">Writing the summary…</p> : <p className="reason">No summary: {peers.status === 'failed' ? peers.message : peers.errors.map((e) => e.message).join(' ')}</p>}
      </section>
      <div className="actions no-print">
        <CsvDownload csv={() => toCsv(csvColumns(dashboard, rows), rows)} filename={`${dashboard.slug}${dashboard.status === 'DRAFT' ? '-draft' : ''}.csv`} label="the dashboard" />
        <button type="button" onClick={() => window.print()}>Print (A4 landscape)</button>
        {comparing ? <span role="status" className="muted">Filling in the comparison columns…</span> : null}
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Dashboard table">
        <Table dashboard={dashboard} rows={rows} notes={notes} />
      </div>
      {notes.size > 0 ? (
        <section aria-labelledby="notes-heading" className="notes">
          <h2 id="notes-heading">Notes</h2>
          <ol>
            {[...notes].map(([text, n]) => <li key={n} id={`note-${n}`} value={n}>{text}</li>)}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
