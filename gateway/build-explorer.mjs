// Bundles the explorer (GraphiQL, React, Monaco and its workers) into dist/explorer-bundle/, which the
// gateway serves at /explorer/ (src/explorer/page.ts). Run by the root `npm run build`.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('./dist/explorer-bundle');
const common = {
  bundle: true,
  minify: true,
  legalComments: 'linked',
  target: 'es2022',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Monaco's codicon font travels inside the CSS: one file fewer to serve.
  loader: { '.ttf': 'dataurl' },
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: { explorer: here('./explorer/main.js') }, format: 'esm', outdir }),
  // Classic workers (one self-contained script each), started from explorer/workers.js.
  build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    format: 'iife',
    outdir,
  }),
]);
