/**
 * Every operation the web view sends, written with codegen's graphql() so each is typed from the
 * schema (npm run codegen writes ./gql from these). A page asks for exactly the fields it shows.
 */
import { graphql } from './gql';

/** The list at `/`. */
export const DashboardListQuery = graphql(`
  query DashboardList {
    dashboards {
      id
      slug
      status
      title
      heading
      area { id code name }
      period { id key label }
      latestPeriodLabel
      outcomes { id }
    }
  }
`);

/**
 * The table as published, with what the data says beside it. The comparison columns are a
 * second request (DashboardComparisons): they are the slow part, and the table shows without them.
 */
export const DashboardTableQuery = graphql(`
  query DashboardPage($slug: String!) {
    dashboard(slug: $slug) {
      id
      slug
      status
      publishedAt
      title
      heading
      source
      area { id code name }
      period { id key label }
      previousPeriod { id key label }
      previousPeriodLabel
      latestPeriod { id key label }
      latestPeriodLabel
      outcomes {
        id
        position
        title
        benefit
        reported { rag progress arrow direction comment }
        agreesWithReported
        rag { status rule explanation }
        directionOfTravel { direction arrow explanation }
        supportingIndicators {
          id
          position
          note
          indicator { id name unit valueType polarity }
          previousValue { id value formatted periodLabel note embargo period { id key label } }
          latestValue { id value formatted periodLabel note embargo period { id key label } }
          directionOfTravel { direction arrow significant comparable explanation method }
          rag { status rule explanation }
        }
      }
    }
  }
`);

/**
 * The District Comparison column, filled from the data. The two comparison columns are two
 * requests: each is within the query cost limit, and the server computes them side by side.
 */
export const DashboardDistrictsQuery = graphql(`
  query DashboardDistricts($slug: String!) {
    dashboard(slug: $slug) {
      id
      outcomes {
        id
        supportingIndicators {
          id
          districtComparison {
            explanation
            period { id label }
            benchmark { label value }
            members {
              area { id code name }
              outcome
              rank
              value { id formatted }
            }
          }
        }
      }
    }
  }
`);

/**
 * The County Comparison column (the dashboard's area among its peer group), each row's flag
 * (that comparison with the row's recent trend) and the narrative written from them.
 */
export const DashboardPeersQuery = graphql(`
  query DashboardPeers($slug: String!) {
    dashboard(slug: $slug) {
      id
      narrative
      outcomes {
        id
        supportingIndicators {
          id
          countyComparison {
            explanation
            period { id label }
            benchmark { label value }
            subject { outcome rank groupSize level percentDifference }
          }
          flag { flag explanation }
        }
      }
    }
  }
`);

/** One indicator for one area: its series, trend, districts and peers. */
export const IndicatorPageQuery = graphql(`
  query IndicatorPage($id: ID!, $area: ID) {
    indicator(id: $id) {
      id
      name
      unit
      valueType
      polarity
      decimals
      definition
      publisher
      value(area: $area) { id area { id code name type } period { id label } }
      series(area: $area) {
        id
        value
        formatted
        numerator
        denominator
        lowerCI95
        upperCI95
        embargo
        period { id key label start end type }
      }
      recentTrend(area: $area) {
        label
        direction
        significant
        explanation
        method
        points { id period { id key } }
      }
    }
  }
`);

/** The districts of the area against its value (a separate request: it fails alone for an area without districts). */
export const IndicatorDistrictsQuery = graphql(`
  query IndicatorDistricts($id: ID!, $area: ID) {
    indicator(id: $id) {
      id
      districtComparison(area: $area) {
        explanation
        method
        period { id label }
        benchmark { label value area { id code name } }
        members {
          area { id code name }
          outcome
          rank
          level
          value { id value formatted lowerCI95 upperCI95 embargo }
          explanation
        }
      }
    }
  }
`);

/**
 * The area among its peer group, twice: as countyComparison judges it (limits widened when the
 * group is overdispersed) and by chance alone, so the page can draw both funnels and switch.
 */
export const PeerFunnelFragment = graphql(`
  fragment PeerFunnel on GroupComparison {
    explanation
    method
    period { id label }
    benchmark { label value group { id name } }
    subject { area { id code } }
    overdispersion { method adjusted explanation }
    funnelLimits { denominator lower95 upper95 lower998 upper998 }
    members {
      area { id code name }
      outcome
      rank
      level
      value { id value formatted denominator embargo }
      benchmark { lowerLimit upperLimit }
      explanation
    }
  }
`);

export const IndicatorPeersQuery = graphql(`
  query IndicatorPeers($id: ID!, $area: ID) {
    indicator(id: $id) {
      id
      countyComparison(area: $area) { ...PeerFunnel }
      chanceOnly: funnel(area: $area, overdispersion: NONE) { ...PeerFunnel }
    }
  }
`);

/** Who the API key in use belongs to (the /key page): its holder, role and areas. */
export const ViewerQuery = graphql(`
  query WebViewer {
    viewer { keyName role areas { id code name } }
  }
`);
