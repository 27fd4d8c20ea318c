/**
 * The audit trail: one event per accepted write, written in the write's transaction, and read
 * newest first. Nothing updates or deletes an event.
 */
import { randomBytes } from 'node:crypto';
import { EntityManager, In, LessThan, Repository } from 'typeorm';
import { AuditEvent } from '../../entities';
import { badArgument } from '../errors';
import { GeographyIndex } from '../geography';
import { requireRole, WriteAccess } from './access';

export interface AuditEntry {
  readonly action: 'setValues' | 'correctValue' | 'setOutcomeAssessment' | 'draftDashboard' | 'publishDashboard';
  readonly target: string;
  readonly areaCode: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason?: string | null;
}

/** Writes the events of one accepted write, in its transaction; ids sort in the order written. */
export async function recordAudit(manager: EntityManager, access: WriteAccess, entries: readonly AuditEntry[], at = new Date()): Promise<void> {
  if (entries.length === 0) return;
  const stamp = at.toISOString();
  const batch = randomBytes(4).toString('hex');
  const events = entries.map((entry, i) => Object.assign(new AuditEvent(), {
    id: `${stamp}/${batch}/${String(i).padStart(5, '0')}`,
    at: stamp,
    keyId: access.keyId,
    keyName: access.keyName,
    action: entry.action,
    target: entry.target,
    areaCode: entry.areaCode,
    before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  }));
  for (let i = 0; i < events.length; i += 200) await manager.insert(AuditEvent, events.slice(i, i + 200));
}

export interface AuditPage {
  readonly events: AuditEvent[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

const MAX_PAGE = 100;

/**
 * Newest first, `first` at a time (default 20, at most 100) after the cursor (an event id). An
 * ADMIN reads every event; an EDITOR the events within its areas; others are refused.
 */
export async function listAuditEvents(
  repository: Repository<AuditEvent>,
  geography: GeographyIndex,
  access: WriteAccess | null,
  { first, after, target }: { first?: number | null; after?: string | null; target?: string | null },
): Promise<AuditPage> {
  const reader = requireRole(access, 'auditEvents');
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE) throw badArgument('first', `must be a whole number from 0 to ${MAX_PAGE} (got ${String(first)})`);
  const where: Record<string, unknown> = {};
  if (target) where.target = target;
  if (reader.role !== 'ADMIN') {
    // An editor's areas and every area inside them.
    const codes = geography.all().map((area) => area.code).filter((code) => reader.covers(code));
    where.areaCode = In(codes.length > 0 ? codes : ['-']);
  }
  const totalCount = await repository.count({ where });
  const events = await repository.find({
    where: after ? { ...where, id: LessThan(after) } : where,
    order: { id: 'DESC' },
    take: size + 1,
  });
  return { events: events.slice(0, size), hasNextPage: events.length > size, totalCount };
}
