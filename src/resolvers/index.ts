import './enums';
import { AreaGroupResolver, AreaResolver, OutcomeAssessmentResolver, PeriodResolver } from './area.resolver';
import { DashboardResolver } from './dashboard.resolver';
import { GroupComparisonResolver } from './group-comparison.resolver';
import { IndicatorResolver } from './indicator.resolver';
import { ObservationResolver } from './observation.resolver';
import { OutcomeResolver } from './outcome.resolver';
import { DashboardSeriesResolver, OutcomeSeriesResolver, PublishingResolver } from './publishing.resolver';
import { QueryResolver } from './query.resolver';
import { IndicatorAnalysisResolver } from './indicator-analysis.resolver';
import { OutcomeAnalysisResolver } from './outcome-analysis.resolver';
import { SupportingIndicatorResolver } from './supporting-indicator.resolver';
import { ViewerResolver } from './viewer.resolver';

export const RESOLVERS = [
  QueryResolver, DashboardResolver, OutcomeResolver, SupportingIndicatorResolver, IndicatorResolver, ObservationResolver,
  AreaResolver, AreaGroupResolver, PeriodResolver, OutcomeAssessmentResolver, IndicatorAnalysisResolver, OutcomeAnalysisResolver,
  GroupComparisonResolver, PublishingResolver, DashboardSeriesResolver, OutcomeSeriesResolver, ViewerResolver,
] as const;
