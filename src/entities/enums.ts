/**
 * The domain's enums, stored by name. They are listed once, in src/analysis; the GraphQL layer
 * registers the same objects (src/resolvers/enums.ts).
 */
export { AreaType, ComparisonOutcome, DashboardStatus, Direction, PeriodType, Polarity, Rag, ValueType } from '../analysis/types';
