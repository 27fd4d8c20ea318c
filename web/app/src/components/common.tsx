/** Small pieces every page uses: RAG badges, arrows, judgements with their explanation, states. */
import { useEffect, useId, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../api';
import type { Direction, Rag } from '../gql/graphql';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Safer Communities dashboards`;
  }, [title]);
}

const RAG_TEXT: Record<Rag, string> = { GREEN: 'Green', AMBER: 'Amber', RED: 'Red', GREY: 'Not rated' };

/** A RAG rating as a badge: colour and the word, so never by colour alone. */
export function RagBadge({ rag, label }: { rag: Rag | null | undefined; label?: string }) {
  if (!rag) return <span className="badge badge-none">None published</span>;
  return (
    <span className={`badge rag-${rag.toLowerCase()}`} data-rag={rag}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      {RAG_TEXT[rag]}
    </span>
  );
}

const DIRECTION_TEXT: Record<Direction, string> = {
  IMPROVING: 'Improving',
  WORSENING: 'Worsening',
  NO_CHANGE: 'No change',
  INCREASING: 'Increasing',
  DECREASING: 'Decreasing',
  NOT_COMPARABLE: 'Not comparable',
  NO_DATA: 'No data',
};

/** An arrow with its meaning in words: ↑ Improving. */
export function DirectionText({ direction, arrow }: { direction: Direction | null | undefined; arrow?: string | null }) {
  if (!direction) return <span className="muted">None published</span>;
  return (
    <span className={`direction direction-${direction.toLowerCase().replace('_', '-')}`} data-direction={direction}>
      {arrow ? <span aria-hidden="true" className="arrow">{arrow} </span> : null}
      {DIRECTION_TEXT[direction]}
    </span>
  );
}

/**
 * A computed judgement whose explanation shows on hover and on keyboard focus (the button is in
 * the tab order; the explanation is its accessible description). `disagrees` adds the mark for a
 * judgement that differs from what was published.
 */
export function Judgement({ children, explanation, disagrees = false, label }: {
  children: ReactNode;
  explanation: string;
  disagrees?: boolean;
  label: string;
}) {
  const id = useId();
  return (
    <span className={`judgement${disagrees ? ' disagrees' : ''}`}>
      <button type="button" className="judgement-trigger" aria-describedby={id} data-judgement={label}>
        {children}
        {disagrees ? (
          <span className="mark" title="Differs from what was published">
            {' '}<span aria-hidden="true">≠</span><span className="visually-hidden">(differs from what was published)</span>
          </span>
        ) : null}
      </button>
      <span role="tooltip" id={id} className="tooltip">{explanation}</span>
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status">Loading {what}…</p>;
}

export function Problem({ children }: { children: ReactNode }) {
  return <p className="problem" role="alert">{children}</p>;
}

/**
 * The API's errors in words; where it asks for a key (a server with PUBLIC_READ=off, or a key it
 * no longer accepts), a link to the page that takes one.
 */
export function ApiProblem({ errors, before }: { errors: ApiError[]; before?: string }) {
  if (errors.length === 0) return null;
  const needsKey = errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return (
    <Problem>
      {before ? `${before} ` : null}{errors.map((e) => e.message).join(' ')}
      {needsKey ? <> <Link href="/key">Give an API key</Link>.</> : null}
    </Problem>
  );
}

/** A page for an id the API does not know: what was asked for, the API's errors, and a way back. */
export function NotFound({ what, id, errors }: { what: string; id: string; errors: ApiError[] }) {
  return (
    <>
      <h1>No such {what}</h1>
      <ApiProblem errors={errors} />
      <p>There is no {what} <code>{id}</code>. <Link href="/">See every dashboard</Link>.</p>
    </>
  );
}

/** The mark of a figure supplied for a draft and not yet published (a key's view). */
export function UnpublishedMark({ draft }: { draft: string }) {
  return (
    <span className="unpublished" data-embargo={draft} title="Supplied for a draft: seen only with a key that reads this area until the draft is published">
      Unpublished
    </span>
  );
}
