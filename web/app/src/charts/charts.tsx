/**
 * The indicator page's charts, drawn with Observable Plot as SVG. Loaded on demand (a separate
 * chunk), so the dashboard page never carries Plot. Each chart is a figure with a caption and a
 * text alternative that says what it shows; the table beside it has every number.
 */
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { IndicatorDistrictsQuery, IndicatorPageQuery, PeerFunnelFragment } from '../gql/graphql';
import { OUTCOME_TEXT, formatNumber } from '../format';

type Indicator = NonNullable<IndicatorPageQuery['indicator']>;
type SeriesPoint = Indicator['series'][number];
type DistrictComparison = NonNullable<NonNullable<IndicatorDistrictsQuery['indicator']>['districtComparison']>;
type PeerComparison = PeerFunnelFragment;

/** Outcome colours that keep apart for colour-blind readers (Okabe–Ito), with a symbol each as well. */
const OUTCOME_COLOURS = { Better: '#0072b2', Similar: '#e69f00', Worse: '#d55e00', Higher: '#56b4e9', Lower: '#cc79a7', 'Not compared': '#777777' };
const OUTCOME_SYMBOLS = { Better: 'circle', Similar: 'square', Worse: 'triangle', Higher: 'diamond', Lower: 'star', 'Not compared': 'cross' };
const outcomeScale = {
  color: { domain: Object.keys(OUTCOME_COLOURS), range: Object.values(OUTCOME_COLOURS), legend: true },
  symbol: { domain: Object.keys(OUTCOME_SYMBOLS), range: Object.values(OUTCOME_SYMBOLS), legend: false },
};

function Figure({ build, caption, description, name }: {
  build: (width: number) => SVGSVGElement | HTMLElement;
  caption: string;
  description: string;
  name: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const chart = build(Math.max(320, Math.min(host.clientWidth || 800, 960)));
    // Plot returns an svg, or a figure with a legend (small swatch svgs beside their words) and
    // the chart's svg as a direct child. The chart's svg carries the text alternative; the
    // swatches are decoration, their words are read.
    const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector(':scope > svg');
    for (const swatch of chart.querySelectorAll('svg')) if (swatch !== svg) swatch.setAttribute('aria-hidden', 'true');
    if (svg) {
      // An image's parts are not read out; Plot labels its mark groups, which ARIA forbids on a plain <g>.
      for (const part of svg.querySelectorAll('[aria-label], [aria-description]')) {
        part.removeAttribute('aria-label');
        part.removeAttribute('aria-description');
      }
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `${caption}. ${description}`);
    }
    host.replaceChildren(chart);
    return () => host.replaceChildren();
  }, [build, caption, description]);
  return (
    <figure className="chart" data-chart={name}>
      <div ref={ref} className="chart-host" />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** A value sits at the end of its period: "12 months to Sep 2014" at September 2014. */
const dateOf = (p: SeriesPoint): Date => new Date(`${p.period.end}T00:00:00Z`);

export function SeriesChart({ indicator, points, trendKeys, trendLabel }: {
  indicator: Indicator;
  points: SeriesPoint[];
  trendKeys: string[];
  trendLabel: string | null;
}) {
  const valued = points.filter((p) => p.value !== null);
  const withLimits = valued.filter((p) => p.lowerCI95 !== null && p.upperCI95 !== null);
  const trend = new Set(trendKeys);
  const first = valued[0];
  const last = valued[valued.length - 1];
  const d = indicator.decimals;
  const caption = `${indicator.name}: ${valued.length} values${withLimits.length ? ' with 95% confidence limits' : ''}${trendLabel ? `; recent trend: ${trendLabel}` : ''}`;
  const description = first && last
    ? `From ${formatNumber(first.value as number, d)} in ${first.period.label} to ${formatNumber(last.value as number, d)} in ${last.period.label}. The points of the recent trend are filled.`
    : 'No values.';
  const build = (width: number) =>
    Plot.plot({
      width,
      height: 320,
      marginLeft: 56,
      x: { type: 'utc', label: null },
      y: { label: indicator.unit ?? 'count', grid: true, zero: indicator.valueType !== 'RATE' ? undefined : false },
      marks: [
        Plot.areaY(withLimits, { x: dateOf, y1: 'lowerCI95', y2: 'upperCI95', fill: '#0072b2', fillOpacity: 0.15, curve: 'step' }),
        Plot.lineY(valued, { x: dateOf, y: 'value', stroke: '#0072b2' }),
        Plot.dot(valued, {
          x: dateOf,
          y: 'value',
          r: 3.5,
          stroke: '#0072b2',
          fill: (p: SeriesPoint) => (trend.has(p.period.key) ? '#0072b2' : 'white'),
          title: (p: SeriesPoint) => `${p.period.label}: ${p.formatted}${p.lowerCI95 !== null ? ` (95% ${formatNumber(p.lowerCI95, d)}–${formatNumber(p.upperCI95 as number, d)})` : ''}`,
        }),
        ...(trendLabel && last ? [Plot.text([last], { x: dateOf, y: 'value', text: () => trendLabel, dy: -14, textAnchor: 'end', fontSize: 12 })] : []),
      ],
    });
  return <Figure build={build} caption={caption} description={description} name="series" />;
}

export function DistrictsChart({ indicator, comparison }: { indicator: Indicator; comparison: DistrictComparison }) {
  const members = comparison.members.filter((m) => m.value?.value !== null && m.value?.value !== undefined);
  const d = indicator.decimals;
  const rows = members.map((m) => ({
    name: m.area.name,
    value: m.value?.value as number,
    lower: m.value?.lowerCI95 ?? null,
    upper: m.value?.upperCI95 ?? null,
    outcome: OUTCOME_TEXT[m.outcome],
  }));
  const county = comparison.benchmark.value;
  const caption = `Districts against ${comparison.benchmark.label}${county !== null && county !== undefined ? ` (${formatNumber(county, d)})` : ''}, ${comparison.period.label}, with 95% confidence intervals, best first`;
  const description = rows.map((r) => `${r.name} ${formatNumber(r.value, d)}: ${r.outcome}`).join('; ');
  const build = (width: number) =>
    Plot.plot({
      width,
      height: 40 + rows.length * 30,
      marginLeft: 170,
      x: { label: indicator.unit ?? 'count', grid: true },
      y: { domain: rows.map((r) => r.name), label: null },
      ...outcomeScale,
      marks: [
        ...(county !== null && county !== undefined ? [Plot.ruleX([county], { stroke: '#333', strokeDasharray: '4,3' })] : []),
        Plot.link(rows.filter((r) => r.lower !== null), { x1: 'lower', x2: 'upper', y1: 'name', y2: 'name', stroke: '#555' }),
        Plot.dot(rows, { x: 'value', y: 'name', r: 5, fill: 'outcome', symbol: 'outcome', stroke: 'white', title: (r: (typeof rows)[number]) => `${r.name}: ${formatNumber(r.value, d)} (${r.outcome})` }),
      ],
    });
  return <Figure build={build} caption={caption} description={description} name="districts" />;
}

export function FunnelChart({ indicator, comparison, other, otherName }: {
  indicator: Indicator;
  comparison: PeerComparison;
  /** The other funnel (chance alone, or allowing for the spread between areas), drawn faintly. */
  other: PeerComparison | null;
  otherName: string;
}) {
  const limits = comparison.funnelLimits ?? [];
  const otherLimits = other?.funnelLimits ?? [];
  const average = comparison.benchmark.value;
  const subject = comparison.subject?.area.code;
  const d = indicator.decimals;
  const points = comparison.members
    .filter((m) => m.value?.value != null && m.value?.denominator != null)
    .map((m) => ({
      name: m.area.name,
      code: m.area.code,
      value: m.value?.value as number,
      denominator: m.value?.denominator as number,
      outcome: OUTCOME_TEXT[m.outcome],
    }));
  const caption = `${comparison.benchmark.group?.name ?? comparison.benchmark.label}, ${comparison.period.label}: each area's value against its population, with the 95% (solid) and 99.8% (dashed) funnel limits around the average${average != null ? ` of ${formatNumber(average, d)}` : ''}${otherLimits.length > 0 ? `; in light grey, the 99.8% limits by ${otherName}` : ''}`;
  const description = points.map((p) => `${p.name} ${formatNumber(p.value, d)} for ${formatNumber(p.denominator, 0)}: ${p.outcome}`).join('; ');
  const build = (width: number) =>
    Plot.plot({
      width,
      height: 380,
      marginLeft: 56,
      x: { type: 'log', label: 'population (log scale)', grid: true, tickFormat: '~s' },
      y: { label: indicator.unit ?? 'count', grid: true },
      ...outcomeScale,
      marks: [
        ...(average != null ? [Plot.ruleY([average], { stroke: '#333' })] : []),
        Plot.line(otherLimits, { x: 'denominator', y: 'upper998', stroke: '#aaa', strokeDasharray: '2,3' }),
        Plot.line(otherLimits, { x: 'denominator', y: 'lower998', stroke: '#aaa', strokeDasharray: '2,3' }),
        Plot.line(limits, { x: 'denominator', y: 'upper95', stroke: '#555' }),
        Plot.line(limits, { x: 'denominator', y: 'lower95', stroke: '#555' }),
        Plot.line(limits, { x: 'denominator', y: 'upper998', stroke: '#555', strokeDasharray: '5,4' }),
        Plot.line(limits, { x: 'denominator', y: 'lower998', stroke: '#555', strokeDasharray: '5,4' }),
        Plot.dot(points, { x: 'denominator', y: 'value', r: 5, fill: 'outcome', symbol: 'outcome', stroke: 'white', title: (p: (typeof points)[number]) => `${p.name}: ${formatNumber(p.value, d)} (${p.outcome})` }),
        Plot.text(points.filter((p) => p.code === subject), { x: 'denominator', y: 'value', text: 'name', dy: -12, fontWeight: 'bold' }),
      ],
    });
  return <Figure build={build} caption={caption} description={description} name="funnel" />;
}

