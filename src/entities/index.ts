import { ApiKey } from './api-key.entity';
import { Area, AreaLink } from './area.entity';
import { PoliceUkCount, PoliceUkFile } from './police-uk.entity';
import { AreaGroup, AreaGroupMember } from './area-group.entity';
import { AreaPopulation } from './area-population.entity';
import { AuditEvent } from './audit-event.entity';
import { Dashboard } from './dashboard.entity';
import { DataVersion } from './data-version.entity';
import { Indicator } from './indicator.entity';
import { Observation } from './observation.entity';
import { Outcome, OutcomeAssessment, OutcomeIndicator } from './outcome.entity';
import { Period } from './period.entity';
import { ALL_AREAS, RagRuleRow } from './rag-rule.entity';

export { ALL_AREAS, RagRuleRow, Area, AreaLink, ApiKey, AuditEvent, PoliceUkCount, PoliceUkFile, AreaGroup, AreaGroupMember, AreaPopulation, Dashboard, DataVersion, Indicator, Observation, Outcome, OutcomeAssessment, OutcomeIndicator, Period };
export * from './enums';

/** Every entity, for the data source. */
export const ENTITIES = [
  Area, AreaLink, AreaPopulation, AreaGroup, AreaGroupMember, Period, Indicator, Observation,
  Dashboard, Outcome, OutcomeIndicator, OutcomeAssessment, PoliceUkCount, PoliceUkFile, RagRuleRow, DataVersion, AuditEvent,
  ApiKey,
];
