/**
 * Who is calling, as every resolver sees it (Context.caller), and what they may do. Pure: the
 * geography is passed in (ReferenceData.geography), so the rules are tested without a database.
 *
 * - anonymous: reads what is public (when PUBLIC_READ is on; otherwise the request is refused
 *   before it gets here), writes nothing;
 * - VIEWER: reads; its areas (optional) say whose unpublished data it may also read;
 * - EDITOR: writes within its areas: each area and everything inside it, so a county's key covers
 *   its districts, and a district's key neither the county nor another district;
 * - ADMIN: writes everywhere (it has no areas), publishes, corrects, manages keys.
 */
import type { GeographyIndex } from '../services/geography';
import { Role } from './roles';

export interface AnonymousCaller {
  readonly kind: 'anonymous';
}

/** A request with a valid, unrevoked API key. */
export interface KeyCaller {
  readonly kind: 'key';
  /** The key's public id, e.g. k7q2mz4xw9ab. */
  readonly id: string;
  /** Who holds it, e.g. Blaby District Council: what an audit trail records. */
  readonly name: string;
  readonly role: Role;
  /** ONS codes; empty for ADMIN. */
  readonly areas: readonly string[];
}

export type Caller = AnonymousCaller | KeyCaller;

export const ANONYMOUS: AnonymousCaller = Object.freeze({ kind: 'anonymous' });

/** What the rules need of the geography: GeographyIndex.contains. */
export type AreaContainment = Pick<GeographyIndex, 'contains'>;

const RANK: Readonly<Record<Role, number>> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

/** Whether the caller holds a key of this role or a higher one (ADMIN > EDITOR > VIEWER); never for anonymous. */
export function hasRole(caller: Caller, role: Role): boolean {
  return caller.kind === 'key' && RANK[caller.role] >= RANK[role];
}

/** Whether an area lies within the caller's areas (one of them or inside one); ADMIN: every area; anonymous: none. */
export function withinAreas(caller: Caller, areaCode: string, geography: AreaContainment): boolean {
  if (caller.kind !== 'key') return false;
  if (caller.role === Role.ADMIN) return true;
  return caller.areas.some((area) => geography.contains(area, areaCode));
}

/** Whether the caller may write values, assessments or drafts for an area: an EDITOR within its areas, or an ADMIN. */
export function canWrite(caller: Caller, areaCode: string, geography: AreaContainment): boolean {
  return hasRole(caller, Role.EDITOR) && withinAreas(caller, areaCode, geography);
}
