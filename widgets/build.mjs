// Bundles the widgets into one ES module (no imports left, no CDN) that the gateway serves at /widgets/ngo-hub.js.
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);

await build({
  entryPoints: [new URL('src/index.ts', here).pathname],
  outfile: new URL('dist/ngo-hub.js', here).pathname,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  tsconfig: new URL('tsconfig.json', here).pathname,
  logLevel: 'warning',
});
