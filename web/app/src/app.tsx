/** The pages and the frame around them. Routes are plain paths, so every page has a URL to share. */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { HomePage } from './pages/home';
import { DashboardPage } from './pages/dashboard';
import { IndicatorPage } from './pages/indicator';
import { KeyPage } from './pages/key';
import { useApiKey } from './api';

function Frame({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const key = useApiKey();
  const first = useRef(true);
  // After a link within the view: move focus to the new page, so screen readers announce it. Not
  // on the first load, where the browser starts at the top and the skip link comes first.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location]);
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <Link href="/" className="site-name">Safer Communities dashboards</Link>
        <nav aria-label="Site">
          <ul>
            <li><Link href="/">Dashboards</Link></li>
            <li><a href="/graphql">GraphQL playground</a></li>
            <li><Link href="/key" data-key-state={key ? 'in-use' : 'none'}>{key ? 'API key in use' : 'API key'}</Link></li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="site-footer">
        <p>
          Published figures as printed; judgements computed from the data by this server, each with its method.
          Contains public sector information licensed under the Open Government Licence v3.0.
        </p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <Frame>
      <Switch>
        <Route path="/"><HomePage /></Route>
        <Route path="/dashboards/:slug">{(params) => <DashboardPage slug={decodeURIComponent(params.slug)} />}</Route>
        <Route path="/key"><KeyPage /></Route>
        <Route path="/indicators/*">{(params) => <IndicatorPage id={decodeURIComponent(params['*'] ?? '')} />}</Route>
        <Route>
          <h1>Page not found</h1>
          <p>There is no page at this address. <Link href="/">See every dashboard</Link>.</p>
        </Route>
      </Switch>
    </Frame>
  );
}
