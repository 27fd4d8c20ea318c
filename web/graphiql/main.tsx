/**
 * The playground served at GET /graphql to a browser: GraphiQL, bundled by
 * scripts/build-graphiql.ts with everything it loads, so nothing comes from another origin.
 */
import 'graphiql/style.css';
import './playground.css';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { presentTabsAsButtons } from './accessible-tabs';
import { storageWithoutHeaders } from './storage';

/** Replaced at build time (esbuild `define`): the tabs and the hashed URLs of Monaco's workers. */
declare const __PLAYGROUND__: {
  tabs: { name: string; query: string; variables: Record<string, unknown> }[];
  workers: { editor: string; json: string; graphql: string };
};

// Monaco starts its language services in web workers; each is a bundle served beside this one
// (graphiql's own setup-workers modules need Vite, webpack or esm.sh).
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const { workers } = __PLAYGROUND__;
    const url = label === 'json' ? workers.json : label === 'graphql' ? workers.graphql : workers.editor;
    return new Worker(url, { name: label });
  },
};

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).href });

const tabs = __PLAYGROUND__.tabs.map((tab) => ({
  query: tab.query,
  variables: JSON.stringify(tab.variables, null, 2),
}));

// GraphiQL 5.4 opens the first default tab's query in the editor but not its variables (its
// provider takes them only from `initialVariables` or storage): on a first visit, with no tabs
// stored yet, hand them over; later visits restore the stored tabs as GraphiQL does.
const firstVisit = window.localStorage.getItem('graphiql:tabState') === null;

const root = document.getElementById('graphiql')!;
presentTabsAsButtons(root);
createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs}
    initialVariables={firstVisit ? tabs[0]?.variables : undefined}
    defaultEditorToolsVisibility="variables"
    // Request headers (Authorization: Bearer <key>) can be sent, but are never written to storage.
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
    showPersistHeadersSettings={false}
    storage={storageWithoutHeaders()}
  >
    <GraphiQL.Logo>
      <h1>safer-communities-api</h1>
    </GraphiQL.Logo>
  </GraphiQL>,
);
