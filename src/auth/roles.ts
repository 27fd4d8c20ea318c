/**
 * What an API key may do (contract part 3, enum Role). Listed once here with enumOf, like the
 * analysis' enums; the database stores the names and src/resolvers/enums.ts registers this object.
 * Each role can do everything the one before it can.
 */
import { enumOf } from '../analysis/enum';

export const Role = enumOf(['VIEWER', 'EDITOR', 'ADMIN']);
export type Role = keyof typeof Role;
