import { registerEnumType } from 'type-graphql';

/**
 * Where a record comes from (GraphQL enum `RecordSource`), stored in a `source` column of each
 * table that holds organisations, partnerships, events, grants and calls. One declaration for all
 * subgraphs, so the enum composes identically.
 */
export enum RecordSource {
  SEED_DOCUMENT = 'SEED_DOCUMENT',
  SYNTHETIC = 'SYNTHETIC',
  CONTRIBUTED = 'CONTRIBUTED',
}

registerEnumType(RecordSource, {
  name: 'RecordSource',
  description:
    'Where a record comes from: a seed document of the project (real facts), the synthetic demonstration layer or national data set (invented, not real), or a write through the API.',
  valuesConfig: {
    SEED_DOCUMENT: {
      description:
        'Taken from the documents the hub was seeded with: real organisations, partnerships, events and grants.',
    },
    SYNTHETIC: {
      description:
        'Invented for demonstration or load testing (the demo layer of `npm start`, the national data set): not a real organisation, event or grant.',
    },
    CONTRIBUTED: { description: 'Written through the API by a holder of a credential.' },
  },
});

/** The `source` column every table of such records gets: rows present at migration time are seed facts, later rows are the API's unless the writer says otherwise. */
export function recordSourceColumnSql(table: string): string[] {
  return [
    `alter table ${table} add column source text not null default 'SEED_DOCUMENT' check (source in ('SEED_DOCUMENT', 'SYNTHETIC', 'CONTRIBUTED'))`,
    `alter table ${table} alter column source set default 'CONTRIBUTED'`,
  ];
}
