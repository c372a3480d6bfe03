// Monaco runs its language services in web workers; these are bundled beside explorer.js
// (build-explorer.mjs) instead of coming from a CDN.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(new URL(`${name}.worker.js`, import.meta.url));
  },
};
