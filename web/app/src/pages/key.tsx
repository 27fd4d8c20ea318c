/**
 * `/key`: use an API key in this tab. A partner's officer sees the drafts and the unpublished
 * values of their areas, as the API gives them to that key; the board previews a quarter before
 * publishing it. The key is checked against the API first (the viewer query), kept in this tab's
 * sessionStorage only, and sent with every request until it is removed or the tab closes.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { execute, setApiKey, useApiKey, useQuery } from '../api';
import { Loading, Problem, usePageTitle } from '../components/common';
import { ViewerQuery } from '../queries';

export function KeyPage() {
  usePageTitle('API key');
  const key = useApiKey();
  const viewer = useQuery(ViewerQuery, {}, { wait: !key });
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function useKey(event: FormEvent) {
    event.preventDefault();
    const given = text.trim();
    if (!given) {
      setProblem('Paste the key you were given (it starts sck_).');
      return;
    }
    setChecking(true);
    setProblem(null);
    try {
      const result = await execute(ViewerQuery, {}, undefined, given);
      if (result.errors.length > 0 || !result.data?.viewer.keyName) {
        setProblem(`The API did not accept this key: ${result.errors.map((e) => e.message).join(' ') || 'it belongs to nobody'}`);
      } else {
        setApiKey(given);
        setText('');
      }
    } catch (error) {
      setProblem(`The key could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setChecking(false);
    }
  }

  const who = viewer.status === 'done' ? viewer.data?.viewer ?? null : null;
  return (
    <>
      <h1>API key</h1>
      <p className="lede">
        With a partner's API key, this view shows what the key may read: the draft dashboards of its areas and the
        figures supplied for them before they are published. Without one, it shows what is published.
      </p>
      {key ? (
        <section aria-labelledby="in-use" className="key-in-use">
          <h2 id="in-use">In use in this tab</h2>
          {viewer.status === 'loading' ? <Loading what="who the key belongs to" /> : null}
          {viewer.status === 'failed' ? <Problem>The key could not be checked: {viewer.message}</Problem> : null}
          {viewer.status === 'done' && viewer.errors.length > 0 ? <Problem>{viewer.errors.map((e) => e.message).join(' ')} Remove it and use another.</Problem> : null}
          {who?.keyName ? (
            <dl className="facts" data-viewer>
              <div><dt>Holder</dt><dd data-key-name>{who.keyName}</dd></div>
              <div><dt>Role</dt><dd>{who.role}</dd></div>
              <div><dt>Areas</dt><dd>{who.areas.length > 0 ? who.areas.map((a) => `${a.name} (${a.code})`).join(', ') : 'every area'}</dd></div>
            </dl>
          ) : null}
          <p>
            <button type="button" className="download" onClick={() => setApiKey(null)}>Stop using this key</button>{' '}
            <Link href="/">See the dashboards it reads</Link>
          </p>
        </section>
      ) : (
        <form onSubmit={useKey} className="key-form" aria-describedby="key-help">
          <label htmlFor="api-key">API key</label>
          {/* Text masked by CSS, not type="password": browsers offer to save a password field for good, and the key is for this tab only. */}
          <input id="api-key" name="api-key" type="text" className="secret" autoComplete="off" autoCapitalize="off" spellCheck={false} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <button type="submit" className="download" disabled={checking}>{checking ? 'Checking…' : 'Use this key'}</button>
          <p id="key-help" className="muted">
            Keys are made by the board's administrator (<code>npm run keys -- create</code>). This page keeps the key in this
            tab only: it is gone when the tab closes.
          </p>
        </form>
      )}
      {problem ? <Problem>{problem}</Problem> : null}
    </>
  );
}
