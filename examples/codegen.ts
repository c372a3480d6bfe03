import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the hub's public schema: `npm run codegen` rewrites src/gql/ (committed; the
 * tests fail when it is stale). Custom scalars travel as JSON strings, so they are typed as strings.
 */
const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['src/**/*.ts', 'test/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // A plain string with its types attached: sent by fetch as is, no GraphQL library at run time.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        // `.js` in relative imports, as Node's ES modules (and tsc's NodeNext) want.
        emitLegacyCommonJSImports: false,
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          DateTimeISO: 'string',
          LocalDate: 'string',
          Decimal: 'string',
        },
      },
    },
  },
};

export default config;
