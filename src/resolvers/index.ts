import { AreaGroupResolver, AreaResolver, OutcomeAssessmentResolver } from './area.resolver';
import { DashboardResolver } from './dashboard.resolver';
import { IndicatorResolver } from './indicator.resolver';
import { ObservationResolver } from './observation.resolver';
import { OutcomeResolver } from './outcome.resolver';
import { QueryResolver } from './query.resolver';
import { IndicatorAnalysisResolver } from './indicator-analysis.resolver';
import { OutcomeAnalysisResolver } from './outcome-analysis.resolver';

export const RESOLVERS = [
  QueryResolver, DashboardResolver, OutcomeResolver, IndicatorResolver, ObservationResolver,
  AreaResolver, AreaGroupResolver, OutcomeAssessmentResolver, IndicatorAnalysisResolver, OutcomeAnalysisResolver,
] as const;
