/** The roles of API keys (listed once, with the domain's other enums, in src/analysis/types.ts). */
export { Role } from '../analysis/types';
