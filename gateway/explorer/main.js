// The explorer's browser code: GraphiQL with the README's examples as tabs. Bundled by
// ../build-explorer.mjs into dist/explorer-bundle/; the page is gateway/src/explorer/page.ts.
import './workers.js';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { EXPLORER_EXAMPLES } from '../src/explorer/examples.ts';

// The page's own address: the explorer talks to the gateway that served it, also behind a proxy.
const url = `${location.origin}${location.pathname}`;
// POST with application/json: never a "simple" request, so Apollo's CSRF prevention lets it through;
// headers typed into GraphiQL's headers pane (e.g. Authorization) are sent with each request.
const fetcher = createGraphiQLFetcher({ url });

const defaultTabs = EXPLORER_EXAMPLES.map((example) => ({
  query: example.query,
  variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
}));

createRoot(document.getElementById('explorer')).render(
  createElement(GraphiQL, { fetcher, defaultTabs, defaultEditorToolsVisibility: false }),
);
