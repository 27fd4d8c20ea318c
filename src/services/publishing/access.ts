/**
 * What a write needs to know of its caller: who it is (for the audit trail), what its role
 * allows, and which areas it may write. The request's caller (an API key, or nobody) is turned
 * into this once, in the GraphQL layer's context; the services never see a request.
 */
import { Role } from '../../auth/roles';
import type { UnpublishedSeen } from '../../db/observations';
import { Forbidden, Unauthenticated } from '../errors';
import { GeographyIndex } from '../geography';

export interface WriteAccess {
  readonly keyId: string;
  readonly keyName: string;
  readonly role: Role;
  /** Whether the key may write values and assessments for this area (its areas and everything inside them; everywhere for ADMIN). */
  covers(areaCode: string): boolean;
  /** Whether the key may read what is not yet public for this area (a draft dashboard): its areas for any role, everything for ADMIN. */
  reads(areaCode: string): boolean;
  /** The values supplied for a draft (not yet public) the key reads: those of the areas it reads; all for ADMIN. */
  readonly unpublishedSeen: UnpublishedSeen;
  /** The key's areas, for messages: "E07000129 (Blaby)". Empty for ADMIN. */
  readonly areasText: string;
}

const RANK: Record<Role, number> = { VIEWER: 0, EDITOR: 1, ADMIN: 2 };

/**
 * The role each action needs, by the name of the field that does it: the mutations, and reading
 * the audit trail. The API refuses an operation with one its caller may not do before any of it
 * runs (src/role-guard.ts); the services check again, for callers other than the API.
 */
export const ROLE_NEEDED = {
  setValues: Role.EDITOR,
  setOutcomeAssessment: Role.EDITOR,
  draftDashboard: Role.EDITOR,
  publishDashboard: Role.ADMIN,
  correctValue: Role.ADMIN,
  auditEvents: Role.EDITOR,
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ROLE_NEEDED;

const ACTION_TEXT: Partial<Record<Action, string>> = { auditEvents: 'Reading the audit trail' };

/** The caller's access when its role allows the action; 401 without a key, 403 with too small a role. */
export function requireRole(access: WriteAccess | null, action: Action): WriteAccess {
  const role = ROLE_NEEDED[action];
  const what = ACTION_TEXT[action] ?? action;
  if (!access) throw new Unauthenticated(`${what} needs an API key (Authorization: Bearer <key>) whose role is ${role} or above.`);
  if (RANK[access.role] < RANK[role]) {
    throw new Forbidden(`${what} needs the role ${role} or above; the key "${access.keyName}" is ${access.role}.`);
  }
  return access;
}

/** The problem when a key may not write an area, else null. */
export function outsideAreas(access: WriteAccess, areaCode: string, areaName: string | undefined): string | null {
  if (access.covers(areaCode)) return null;
  return `${areaCode}${areaName ? ` (${areaName})` : ''} is outside the areas of the key "${access.keyName}" (${access.areasText}); an EDITOR writes within its areas and the areas inside them`;
}

/** A key as far as writing goes: its id, name, role and the area codes it was given. */
export interface KeyGrant {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: readonly string[];
}

/**
 * The access of a key: ADMIN writes everywhere; an EDITOR within its areas and every area inside
 * them (a county key covers its districts, through either hierarchy); a VIEWER writes nothing.
 */
export function writeAccess(key: KeyGrant, geography: GeographyIndex): WriteAccess {
  const covered = new Set<string>();
  for (const code of key.areas) {
    covered.add(code);
    for (const inside of geography.descendants(code)) covered.add(inside.code);
  }
  const names = key.areas.map((code) => `${code}${geography.get(code) ? ` ${geography.get(code)!.name}` : ''}`);
  return {
    keyId: key.id,
    keyName: key.name,
    role: key.role,
    covers: (areaCode) => key.role === 'ADMIN' || (key.role === 'EDITOR' && covered.has(areaCode)),
    reads: (areaCode) => key.role === 'ADMIN' || covered.has(areaCode),
    unpublishedSeen: key.role === 'ADMIN' ? 'all' : [...covered].sort(),
    areasText: key.role === 'ADMIN' ? 'every area' : names.length > 0 ? names.join(', ') : 'no areas',
  };
}

/** Whether a caller sees a dashboard: a published one, anyone; a draft, a key that reads its area. */
export function seesDashboard(access: WriteAccess | null, dashboard: { status: string; areaCode: string }): boolean {
  return dashboard.status === 'PUBLISHED' || (access !== null && access.reads(dashboard.areaCode));
}
