import { Initial1795651374057 as sqliteInitial1795651374057 } from './sqlite/1795651374057-Initial';
import { AddGeographyAndPoliceUk1795652279233 as sqliteAddGeographyAndPoliceUk1795652279233 } from './sqlite/1795652279233-AddGeographyAndPoliceUk';
import { AddOutcomeIndicatorNote1795652745622 as sqliteAddOutcomeIndicatorNote1795652745622 } from './sqlite/1795652745622-AddOutcomeIndicatorNote';
import { AddRagRules1795653098432 as sqliteAddRagRules1795653098432 } from './sqlite/1795653098432-AddRagRules';
import { AddDataVersion1796107293485 as sqliteAddDataVersion1796107293485 } from './sqlite/1796107293485-AddDataVersion';
import { AddObservationValuesIndex1796200000000 as sqliteAddObservationValuesIndex1796200000000 } from './sqlite/1796200000000-AddObservationValuesIndex';
import { AddPublishing1796300000000 as sqliteAddPublishing1796300000000 } from './sqlite/1796300000000-AddPublishing';
import { AddApiKeys1796300000001 as sqliteAddApiKeys1796300000001 } from './sqlite/1796300000001-AddApiKeys';
import { AddEmbargo1796300000002 as sqliteAddEmbargo1796300000002 } from './sqlite/1796300000002-AddEmbargo';
import { Initial1795651374057 as postgresInitial1795651374057 } from './postgres/1795651374057-Initial';
import { AddGeographyAndPoliceUk1795652279233 as postgresAddGeographyAndPoliceUk1795652279233 } from './postgres/1795652279233-AddGeographyAndPoliceUk';
import { AddOutcomeIndicatorNote1795652745622 as postgresAddOutcomeIndicatorNote1795652745622 } from './postgres/1795652745622-AddOutcomeIndicatorNote';
import { AddRagRules1795653098432 as postgresAddRagRules1795653098432 } from './postgres/1795653098432-AddRagRules';
import { AddDataVersion1796107293485 as postgresAddDataVersion1796107293485 } from './postgres/1796107293485-AddDataVersion';
import { AddObservationValuesIndex1796200000000 as postgresAddObservationValuesIndex1796200000000 } from './postgres/1796200000000-AddObservationValuesIndex';
import { AddPublishing1796300000000 as postgresAddPublishing1796300000000 } from './postgres/1796300000000-AddPublishing';
import { AddApiKeys1796300000001 as postgresAddApiKeys1796300000001 } from './postgres/1796300000001-AddApiKeys';
import { AddEmbargo1796300000002 as postgresAddEmbargo1796300000002 } from './postgres/1796300000002-AddEmbargo';

/** The migrations of each database, oldest first. Generated per dialect by `npm run migration:generate -- <Name>`. */
export const SQLITE_MIGRATIONS: Function[] = [sqliteInitial1795651374057, sqliteAddGeographyAndPoliceUk1795652279233, sqliteAddOutcomeIndicatorNote1795652745622, sqliteAddRagRules1795653098432, sqliteAddDataVersion1796107293485, sqliteAddObservationValuesIndex1796200000000, sqliteAddPublishing1796300000000, sqliteAddApiKeys1796300000001, sqliteAddEmbargo1796300000002];
export const POSTGRES_MIGRATIONS: Function[] = [postgresInitial1795651374057, postgresAddGeographyAndPoliceUk1795652279233, postgresAddOutcomeIndicatorNote1795652745622, postgresAddRagRules1795653098432, postgresAddDataVersion1796107293485, postgresAddObservationValuesIndex1796200000000, postgresAddPublishing1796300000000, postgresAddApiKeys1796300000001, postgresAddEmbargo1796300000002];
