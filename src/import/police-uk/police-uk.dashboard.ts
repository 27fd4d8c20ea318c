/**
 * "Crime in Leicestershire (police.uk)": the 2014/15 dashboard's crime and ASB outcomes rebuilt
 * on police.uk data, with the categories nearest to the original indicators and a note on each
 * where the category differs. Latest Data is the latest 12 months loaded for every district of
 * the county; Previous Year is the 12 months before it. Nothing was published for it, so its
 * outcomes have no reported assessment.
 */
import { EntityManager, In } from 'typeorm';
import { periodFromKey, periodFromMonths, PeriodInfo } from '../../analysis/periods';
import { bumpDataVersion } from '../../db/data-version';
import { Area, Dashboard, Observation, Outcome, OutcomeIndicator, Period } from '../../entities';
import { emptyCounts, upsertRows } from '../upsert';
import { countIndicatorId, rateIndicatorId, ALL_CRIME, ASB } from './crime-types';

export const POLICE_UK_DASHBOARD = 'crime-in-leicestershire-police-uk';
const COUNTY = 'E10000018';

const OUTCOMES: Array<{ title: string; benefit: string | null; indicators: Array<[string, string]> }> = [
  {
    title: 'Ongoing reductions in crime',
    benefit: null,
    indicators: [
      [rateIndicatorId(ALL_CRIME), 'Nearest to "Total Crime rate": police.uk street-level crime excluding anti-social behaviour. It leaves out crimes police.uk cannot place on a street (some fraud and other offences), so it runs a little below police recorded crime.'],
      [rateIndicatorId('Burglary'), 'Nearest to "Domestic Burglary rate": police.uk\'s Burglary also includes business and community burglary, so it is higher than domestic burglary alone.'],
      [rateIndicatorId('Vehicle crime'), 'Nearest to "Vehicle Crime rate": police.uk\'s Vehicle crime covers theft of and from vehicles and vehicle interference, close to the original definition.'],
      [rateIndicatorId('Violence and sexual offences'), 'Nearest to "Violence with Injury rate": police.uk\'s Violence and sexual offences also includes violence without injury, stalking and harassment and sexual offences, so it is several times higher.'],
    ],
  },
  {
    title: 'Continue to reduce anti-social behaviour, particularly in those areas with the highest levels of incidents',
    benefit: 'This will mean fewer people are affected by anti-social behaviour.',
    indicators: [
      [rateIndicatorId(ASB), 'The 2014/15 dashboard measured ASB by survey (% of people who were victims); this is the rate of incidents recorded by the police, which is not the same thing.'],
      [rateIndicatorId('Criminal damage and arson'), 'Not on the 2014/15 dashboard; its comment names criminal damage beside ASB.'],
    ],
  },
];

/**
 * The last month of the latest run of 12 consecutive months for which every district of the county
 * has a loaded all-crime count, so Latest Data is always a complete 12 months (a newer month loaded
 * on its own does not empty the dashboard).
 */
async function latestCompleteYearEnd(manager: EntityManager, districts: string[]): Promise<number | null> {
  const rows = await manager.find(Observation, {
    select: { areaCode: true, periodKey: true },
    where: { indicatorId: countIndicatorId(ALL_CRIME), areaCode: In(districts) },
  });
  const byMonth = new Map<number, Set<string>>();
  for (const row of rows) {
    const month = periodFromKey(row.periodKey).startMonth;
    const set = byMonth.get(month) ?? new Set();
    set.add(row.areaCode);
    byMonth.set(month, set);
  }
  const complete = new Set([...byMonth].filter(([, set]) => set.size === districts.length).map(([month]) => month));
  const ends = [...complete].sort((a, b) => b - a);
  for (const end of ends) {
    let whole = true;
    for (let month = end - 11; month <= end && whole; month++) whole = complete.has(month);
    if (whole) return end;
  }
  return null;
}

/** Writes (or rewrites) the dashboard; returns its latest period, or null when the county has too little data. */
export async function writePoliceUkDashboard(manager: EntityManager): Promise<PeriodInfo | null> {
  await bumpDataVersion(manager);
  const districts = (await manager.findBy(Area, { parentCode: COUNTY })).map((area) => area.code);
  const last = await latestCompleteYearEnd(manager, districts);
  if (last === null) return null;
  const latest = periodFromMonths(last - 11, last);
  const previous = periodFromMonths(last - 23, last - 12);
  await upsertRows(manager, Period, [Period.fromInfo(latest), Period.fromInfo(previous)]);
  await upsertRows(manager, Dashboard, [Object.assign(new Dashboard(), {
    slug: POLICE_UK_DASHBOARD,
    title: 'Crime in Leicestershire (police.uk)',
    heading: `Crime in Leicestershire (police.uk), ${latest.label}`,
    areaCode: COUNTY,
    periodKey: latest.key,
    previousPeriodKey: previous.key,
    latestPeriodKey: latest.key,
    previousPeriodLabel: previous.label,
    latestPeriodLabel: latest.label,
    source: 'police.uk street-level crime (seeds/police-uk), built by src/import/police-uk/police-uk.dashboard.ts',
    // What an imported table shows was published; it starts no series of drafts.
    status: 'PUBLISHED' as const,
    publishedAt: null,
    previousSlug: null,
  })]);
  const outcomes: Outcome[] = [];
  const links: OutcomeIndicator[] = [];
  OUTCOMES.forEach((outcome, i) => {
    const id = `${POLICE_UK_DASHBOARD}/outcomes/${i + 1}`;
    outcomes.push(Object.assign(new Outcome(), { id, seriesId: id, dashboardSlug: POLICE_UK_DASHBOARD, position: i + 1, title: outcome.title, benefit: outcome.benefit }));
    outcome.indicators.forEach(([indicatorId, note], j) => links.push(Object.assign(new OutcomeIndicator(), {
      outcomeId: id, position: j + 1, indicatorId, previousPeriodKey: previous.key, latestPeriodKey: latest.key, note,
    })));
  });
  await manager.delete(OutcomeIndicator, { outcomeId: In(outcomes.map((o) => o.id)) });
  await upsertRows(manager, Outcome, outcomes, emptyCounts());
  await upsertRows(manager, OutcomeIndicator, links, emptyCounts());
  return latest;
}
