/**
 * `/indicators/<id>?area=<code>`: one indicator for one area. Its series with 95% limits and the
 * recent trend, its districts against it, and the area among its peers on a funnel plot. Each
 * chart has a table with the same numbers beside it (its text alternative and its CSV).
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { errorAt, useQuery } from '../api';
import { DataTable, unpublishedColumn, type Column } from '../components/data-table';
import { ApiProblem, Loading, NotFound, Problem, usePageTitle } from '../components/common';
import { IndicatorDistrictsQuery, IndicatorPageQuery, IndicatorPeersQuery } from '../queries';
import type { IndicatorDistrictsQuery as DistrictsResult, IndicatorPageQuery as PageResult, IndicatorPeersQuery as PeersResult } from '../gql/graphql';
import { OUTCOME_TEXT, formatNumber } from '../format';

/** Whether an explanation already says what a label says ("Cannot be calculated: needs 5 …" and "The recent trend cannot be calculated: needs 5 …"): then the label is left out. */
function repeats(label: string, explanation: string): boolean {
  const reason = label.replace(/^[^:]*:\s*/, '').toLowerCase();
  return reason.length > 0 && reason !== label.toLowerCase() && explanation.toLowerCase().includes(reason);
}

// Observable Plot and the d3 modules it uses load only here, after the tables.
const SeriesChart = lazy(() => import('../charts/charts').then((m) => ({ default: m.SeriesChart })));
const DistrictsChart = lazy(() => import('../charts/charts').then((m) => ({ default: m.DistrictsChart })));
const FunnelChart = lazy(() => import('../charts/charts').then((m) => ({ default: m.FunnelChart })));

type Indicator = NonNullable<PageResult['indicator']>;
type SeriesPoint = Indicator['series'][number];
type DistrictComparison = NonNullable<NonNullable<DistrictsResult['indicator']>['districtComparison']>;
type District = DistrictComparison['members'][number];
type PeerComparison = NonNullable<NonNullable<PeersResult['indicator']>['countyComparison']>;
type Peer = PeerComparison['members'][number];

const num = (value: number | null | undefined, decimals: number): string => (value === null || value === undefined ? '' : formatNumber(value, decimals));

function seriesColumns(indicator: Indicator): Column<SeriesPoint>[] {
  const d = indicator.decimals;
  return [
    { header: 'Period', text: (p) => p.period.label, rowHeader: true },
    { header: 'Period key', text: (p) => p.period.key },
    { header: `Value${indicator.unit ? ` (${indicator.unit})` : ''}`, text: (p) => p.formatted, numeric: true },
    { header: 'Lower 95% limit', text: (p) => num(p.lowerCI95, d), numeric: true },
    { header: 'Upper 95% limit', text: (p) => num(p.upperCI95, d), numeric: true },
    { header: 'Numerator', text: (p) => num(p.numerator, 0), numeric: true },
    { header: 'Denominator', text: (p) => num(p.denominator, 0), numeric: true },
  ];
}

function districtColumns(indicator: Indicator): Column<District>[] {
  const d = indicator.decimals;
  return [
    { header: 'Rank', text: (m) => (m.rank === null ? '' : String(m.rank)), numeric: true },
    { header: 'District', text: (m) => m.area.name, rowHeader: true, cell: (m) => <Link href={`/indicators/${indicator.id}?area=${m.area.code}`}>{m.area.name}</Link> },
    { header: 'Code', text: (m) => m.area.code },
    { header: 'Value', text: (m) => m.value?.formatted ?? '', numeric: true },
    { header: 'Lower 95% limit', text: (m) => num(m.value?.lowerCI95, d), numeric: true },
    { header: 'Upper 95% limit', text: (m) => num(m.value?.upperCI95, d), numeric: true },
    { header: 'Compared with the area', text: (m) => OUTCOME_TEXT[m.outcome] + (m.level ? ` (${m.level === 0.998 ? '99.8' : '95'}%)` : '') },
  ];
}

function peerColumns(indicator: Indicator): Column<Peer>[] {
  const d = indicator.decimals;
  return [
    { header: 'Rank', text: (m) => (m.rank === null ? '' : String(m.rank)), numeric: true },
    { header: 'Area', text: (m) => m.area.name, rowHeader: true, cell: (m) => <Link href={`/indicators/${indicator.id}?area=${m.area.code}`}>{m.area.name}</Link> },
    { header: 'Code', text: (m) => m.area.code },
    { header: 'Value', text: (m) => m.value?.formatted ?? '', numeric: true },
    { header: 'Population', text: (m) => num(m.value?.denominator, 0), numeric: true },
    { header: 'Lower 99.8% funnel limit', text: (m) => num(m.benchmark.lowerLimit, d), numeric: true },
    { header: 'Upper 99.8% funnel limit', text: (m) => num(m.benchmark.upperLimit, d), numeric: true },
    { header: 'Compared with the average', text: (m) => OUTCOME_TEXT[m.outcome] + (m.level ? ` (${m.level === 0.998 ? '99.8' : '95'}%)` : '') },
  ];
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="indicator-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Districts({ indicator, area }: { indicator: Indicator; area: string | undefined }) {
  const result = useQuery(IndicatorDistrictsQuery, { id: indicator.id, area });
  if (result.status === 'loading') return <Loading what="the districts" />;
  if (result.status === 'failed') return <Problem>The districts could not be loaded: {result.message}</Problem>;
  const comparison = result.data?.indicator?.districtComparison;
  if (!comparison) return <p className="reason">{errorAt(result.errors, 'indicator', 'districtComparison')?.message ?? 'No district comparison for this area.'}</p>;
  const valued = comparison.members.filter((m) => m.value?.value !== null && m.value?.value !== undefined);
  return (
    <>
      <p>{comparison.explanation}</p>
      {valued.length > 0 ? (
        <Suspense fallback={<Loading what="the chart" />}>
          <DistrictsChart indicator={indicator} comparison={comparison} />
        </Suspense>
      ) : null}
      <DataTable
        caption={`Districts against ${comparison.benchmark.label}, ${comparison.period.label}, best first`}
        columns={[...districtColumns(indicator), ...unpublishedColumn(comparison.members, (m) => m.value?.embargo)]}
        rows={comparison.members}
        rowKey={(m) => m.area.code}
        filename={`${indicator.id.replaceAll('/', '_')}_districts_${comparison.period.id.replace('/', '_')}.csv`}
      />
      <details className="method"><summary>Method</summary><p>{comparison.method}</p></details>
    </>
  );
}

type Limits = 'adjusted' | 'chance';

function Peers({ indicator, area }: { indicator: Indicator; area: string | undefined }) {
  const result = useQuery(IndicatorPeersQuery, { id: indicator.id, area });
  const [limits, setLimits] = useState<Limits>('adjusted');
  if (result.status === 'loading') return <Loading what="the peer comparison" />;
  if (result.status === 'failed') return <Problem>The peer comparison could not be loaded: {result.message}</Problem>;
  const adjusted = result.data?.indicator?.countyComparison;
  const chance = result.data?.indicator?.chanceOnly;
  if (!adjusted) return <p className="reason">{errorAt(result.errors, 'indicator', 'countyComparison')?.message ?? 'No peer comparison for this area.'}</p>;
  // The switch chooses which limits judge the counties; the chart draws both funnels.
  const shown = limits === 'chance' && chance ? chance : adjusted;
  const other = limits === 'chance' ? adjusted : chance ?? null;
  const compared = shown.members.some((m) => m.outcome !== 'NOT_COMPARED');
  const widened = Boolean(adjusted.overdispersion?.adjusted);
  return (
    <>
      <p data-peers-explanation>{shown.explanation}</p>
      {adjusted.overdispersion ? <p className="overdispersion">{adjusted.overdispersion.explanation}</p> : null}
      {widened && chance ? (
        <fieldset className="switch">
          <legend>Funnel limits</legend>
          <label><input type="radio" name="limits" value="adjusted" checked={limits === 'adjusted'} onChange={() => setLimits('adjusted')} /> Allowing for the spread between areas (as judged)</label>
          <label><input type="radio" name="limits" value="chance" checked={limits === 'chance'} onChange={() => setLimits('chance')} /> Chance alone</label>
        </fieldset>
      ) : null}
      {compared && shown.funnelLimits ? (
        <Suspense fallback={<Loading what="the chart" />}>
          <FunnelChart indicator={indicator} comparison={shown} other={widened ? other : null} otherName={limits === 'chance' ? 'allowing for the spread between areas' : 'chance alone'} />
        </Suspense>
      ) : null}
      <DataTable
        caption={`${shown.benchmark.group?.name ?? shown.benchmark.label}, ${shown.period.label}, best first${limits === 'chance' ? ', by chance alone' : ''}`}
        columns={[...peerColumns(indicator), ...unpublishedColumn(shown.members, (m) => m.value?.embargo)]}
        rows={shown.members}
        rowKey={(m) => m.area.code}
        filename={`${indicator.id.replaceAll('/', '_')}_peers_${shown.period.id.replace('/', '_')}${limits === 'chance' ? '_chance-only' : ''}.csv`}
      />
      <details className="method"><summary>Method</summary><p>{shown.method}</p></details>
    </>
  );
}

export function IndicatorPage({ id }: { id: string }) {
  const area = new URLSearchParams(useSearch()).get('area') ?? undefined;
  const result = useQuery(IndicatorPageQuery, { id, area });
  const indicator = result.status === 'done' ? result.data?.indicator ?? null : null;
  const areaInfo = indicator?.value?.area;
  usePageTitle(indicator ? `${indicator.name}${areaInfo ? `, ${areaInfo.name}` : ''}` : 'Indicator');

  if (result.status === 'loading') return <Loading what="the indicator" />;
  if (result.status === 'failed') return <Problem>The indicator could not be loaded: {result.message}</Problem>;
  if (!indicator) {
    return <NotFound what="indicator" id={id} errors={result.errors} />;
  }
  const areaCode = area ?? areaInfo?.code;
  const trend = indicator.recentTrend;
  const trendKeys = new Set(trend?.points.map((p) => p.period.key) ?? []);
  return (
    <article className="indicator">
      <p className="breadcrumb"><Link href="/">Dashboards</Link> › {indicator.name}</p>
      <h1>{indicator.name}{areaInfo ? <span className="subtitle">{areaInfo.name}</span> : null}</h1>
      <ApiProblem errors={result.errors} />
      <dl className="facts">
        <div><dt>Id</dt><dd><code>{indicator.id}</code></dd></div>
        {areaInfo ? <div><dt>Area</dt><dd>{areaInfo.name} <span className="muted">({areaInfo.code})</span></dd></div> : null}
        <div><dt>Unit</dt><dd>{indicator.unit ?? 'count'}</dd></div>
        <div><dt>Better when</dt><dd>{indicator.polarity === 'LOW_IS_GOOD' ? 'lower' : indicator.polarity === 'HIGH_IS_GOOD' ? 'higher' : 'no judgement'}</dd></div>
        {indicator.publisher ? <div><dt>Publisher</dt><dd>{indicator.publisher}</dd></div> : null}
        {indicator.definition ? <div><dt>Definition</dt><dd>{indicator.definition}</dd></div> : null}
      </dl>

      <Section id="series" title="Over time">
        {trend ? (
          <p className="trend" data-trend={trend.direction}>
            {repeats(trend.label, trend.explanation) ? trend.explanation : <><strong>Recent trend: {trend.label}.</strong> {trend.explanation}</>}
          </p>
        ) : null}
        {indicator.series.length > 0 ? (
          <Suspense fallback={<Loading what="the chart" />}>
            <SeriesChart indicator={indicator} points={indicator.series} trendKeys={[...trendKeys]} trendLabel={trend && trend.direction !== 'NO_DATA' ? trend.label : null} />
          </Suspense>
        ) : <p className="reason">No values for this area.</p>}
        <DataTable
          caption={`${indicator.name}${areaInfo ? `, ${areaInfo.name}` : ''}, oldest first`}
          columns={[...seriesColumns(indicator), ...unpublishedColumn(indicator.series, (p) => p.embargo)]}
          rows={indicator.series}
          rowKey={(p) => p.id}
          filename={`${indicator.id.replaceAll('/', '_')}_${areaCode ?? 'series'}.csv`}
        />
        {trend ? <details className="method"><summary>Method</summary><p>{trend.method}</p></details> : null}
      </Section>

      <Section id="districts" title={`Districts${areaInfo ? ` of ${areaInfo.name}` : ''}`}>
        <Districts indicator={indicator} area={areaCode} />
      </Section>

      <Section id="peers" title="Among its peers">
        <Peers indicator={indicator} area={areaCode} />
      </Section>
    </article>
  );
}
