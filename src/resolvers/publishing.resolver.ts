/**
 * Quarterly publishing over GraphQL (contract part 3): the five mutations, the audit trail, and
 * the links between quarters (Dashboard.previous, Outcome.history). Thin: each reads its
 * arguments and calls a service in src/services/publishing with the caller's access.
 */
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEvent, Dashboard, Outcome, OutcomeAssessment } from '../entities';
import { Context, refreshAfterWrite } from '../context';
import { listAuditEvents } from '../services/publishing/audit';
import { draftDashboard, publishDashboard, setOutcomeAssessment } from '../services/publishing/dashboards';
import { outcomeHistory } from '../services/publishing/history';
import { correctValue, setValues } from '../services/publishing/values';
import { badArgument } from '../services/errors';
import {
  AuditEventConnection, DashboardPayload, DraftDashboardInput, OutcomeAssessmentInput, OutcomeAssessmentPayload, ValueInput, ValuesPayload,
} from './publishing.types';

const cursorOf = (event: AuditEvent): string => Buffer.from(event.id, 'utf8').toString('base64url');

function eventIdOf(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z\/[0-9a-f]+\/\d+$/.test(id)) throw badArgument('after', `"${cursor}" is not a cursor from auditEvents`);
  return id;
}

/** A write's payload, answered from the data as the write left it (when it wrote anything). */
async function written<T extends { problems: readonly unknown[] }>(context: Context, write: Promise<T>): Promise<T> {
  const result = await write;
  if (result.problems.length === 0) await refreshAfterWrite(context);
  return result;
}

@Resolver()
export class PublishingResolver {
  @Mutation((_returns) => ValuesPayload, { description: 'Values for indicators, areas and periods; all or nothing. Published dashboards\' values need correctValue.' })
  setValues(
    @Arg('values', (_type) => [ValueInput], { description: 'The values, each checked as a tidy CSV row is; at most 1,000.' }) values: ValueInput[],
    @Ctx() context: Context,
  ): Promise<ValuesPayload> {
    return written(context, setValues(context.dataSource, context.access, values));
  }

  @Mutation((_returns) => ValuesPayload, { description: 'Change a value that a published dashboard shows; the reason is kept in the audit trail.' })
  correctValue(
    @Arg('value', (_type) => ValueInput, { description: 'The corrected value.' }) value: ValueInput,
    @Arg('reason', (_type) => String, { description: 'Why it changes, e.g. "police.uk resubmission of 12 Jan 2015".' }) reason: string,
    @Ctx() context: Context,
  ): Promise<ValuesPayload> {
    return written(context, correctValue(context.dataSource, context.access, value, reason));
  }

  @Mutation((_returns) => OutcomeAssessmentPayload, { description: 'What a draft dashboard says about one of its outcomes: RAG, progress, arrow, comment.' })
  setOutcomeAssessment(
    @Arg('input', (_type) => OutcomeAssessmentInput, { description: 'The outcome and what to say about it.' }) input: OutcomeAssessmentInput,
    @Ctx() context: Context,
  ): Promise<OutcomeAssessmentPayload> {
    return written(context, setOutcomeAssessment(context.dataSource, context.access, input));
  }

  @Mutation((_returns) => DashboardPayload, { description: 'A DRAFT copy of a dashboard for the next period: same outcomes and indicators, no values or assessments.' })
  draftDashboard(
    @Arg('input', (_type) => DraftDashboardInput, { description: 'The dashboard to draft from and the new period.' }) input: DraftDashboardInput,
    @Ctx() context: Context,
  ): Promise<DashboardPayload> {
    return written(context, draftDashboard(context.dataSource, context.access, input));
  }

  @Mutation((_returns) => DashboardPayload, { description: 'Freeze a DRAFT: from then on its values and assessments change only through correctValue.' })
  publishDashboard(
    @Arg('slug', (_type) => String, { description: 'The draft\'s slug.' }) slug: string,
    @Ctx() context: Context,
  ): Promise<DashboardPayload> {
    return written(context, publishDashboard(context.dataSource, context.access, slug));
  }

  @Query((_returns) => AuditEventConnection, { description: 'Newest first. Needs ADMIN, or an EDITOR sees events within its areas.' })
  async auditEvents(
    @Ctx() { dataSource, access, reference }: Context,
    @Arg('first', (_type) => Int, { nullable: true, description: 'Page size. Default 20, at most 100.' }) first?: number | null,
    @Arg('after', (_type) => String, { nullable: true, description: 'An endCursor from the previous page: older events than it.' }) after?: string | null,
    @Arg('target', (_type) => String, { nullable: true, description: 'Only the events of one target, e.g. an observation id or a dashboard slug.' }) target?: string | null,
  ): Promise<AuditEventConnection> {
    const page = await listAuditEvents(dataSource.getRepository(AuditEvent), reference.geography, access, { first, after: after ? eventIdOf(after) : null, target });
    const edges = page.events.map((node) => ({ cursor: cursorOf(node), node }));
    return {
      edges,
      nodes: page.events,
      pageInfo: {
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(after),
      },
      totalCount: page.totalCount,
    };
  }
}

@Resolver((_of) => Dashboard)
export class DashboardSeriesResolver {
  @FieldResolver((_returns) => Dashboard, { nullable: true, description: 'The dashboard this one was drafted from, e.g. Q1 for Q2; null for the first.' })
  previous(@Root() dashboard: Dashboard, @Ctx() { reference }: Context): Dashboard | null {
    return dashboard.previousSlug ? reference.dashboard(dashboard.previousSlug) : null;
  }
}

@Resolver((_of) => Outcome)
export class OutcomeSeriesResolver {
  @FieldResolver((_returns) => [OutcomeAssessment], { description: 'What was published for this outcome on each dashboard of its series, oldest first (drafts are left out).' })
  history(@Root() outcome: Outcome, @Ctx() { reference, loaders }: Context): Promise<OutcomeAssessment[]> {
    return outcomeHistory(reference, loaders, outcome);
  }
}
