/** `/`: every dashboard, with its area and period. */
import { Link } from 'wouter';
import { useQuery } from '../api';
import { DataTable, type Column } from '../components/data-table';
import { ApiProblem, Loading, Problem, usePageTitle } from '../components/common';
import { DashboardListQuery } from '../queries';
import type { DashboardListQuery as Result } from '../gql/graphql';

type Row = Result['dashboards'][number];

const columns: Column<Row>[] = [
  { header: 'Dashboard', text: (d) => d.title, cell: (d) => <Link href={`/dashboards/${encodeURIComponent(d.slug)}`}>{d.title}</Link>, rowHeader: true },
  { header: 'Status', text: (d) => (d.status === 'DRAFT' ? 'Draft' : 'Published'), cell: (d) => (d.status === 'DRAFT' ? <strong data-status="DRAFT">Draft</strong> : <span data-status="PUBLISHED">Published</span>) },
  { header: 'Area', text: (d) => d.area.name },
  { header: 'Period', text: (d) => d.period.label },
  { header: 'Latest data', text: (d) => d.latestPeriodLabel ?? '' },
  { header: 'Outcomes', text: (d) => String(d.outcomes.length), numeric: true },
  { header: 'Id', text: (d) => d.slug, cell: (d) => <code>{d.slug}</code> },
];

export function HomePage() {
  usePageTitle('Dashboards');
  const result = useQuery(DashboardListQuery, {});
  return (
    <>
      <h1>Dashboards</h1>
      <p className="lede">
        Each dashboard as it was published, with what the data says beside it: direction of travel, RAG against
        targets, and how the area compares with its districts and its peers.
      </p>
      {result.status === 'loading' ? <Loading what="the dashboards" /> : null}
      {result.status === 'failed' ? <Problem>The dashboards could not be loaded: {result.message}</Problem> : null}
      {result.status === 'done' && result.data ? (
        <DataTable caption="Every dashboard, by id" columns={columns} rows={result.data.dashboards} rowKey={(d) => d.id} filename="dashboards.csv" />
      ) : null}
      {result.status === 'done' ? <ApiProblem errors={result.errors} /> : null}
    </>
  );
}
