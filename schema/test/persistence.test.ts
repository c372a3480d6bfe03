import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entitySchemaDrift, openDatabase, type UnmappedColumns } from '@ngo-hub/kit';
import { createTestDatabase } from '@ngo-hub/kit/testing';
import { SUBGRAPHS } from '../src/subgraphs.js';

/**
 * Each subgraph's entities against the schema its migrations build (a fresh real PostgreSQL
 * database per subgraph), and its migration files against the order they run in.
 */

/** Columns no entity maps on purpose, per subgraph. */
const UNMAPPED: Record<string, UnmappedColumns> = {
  events: { 'event.span': 'generated from the dates for the date-range filter; only SQL reads it' },
};

const migrationsDir = (name: string) =>
  fileURLToPath(new URL(`../../subgraphs/${name}/src/migrations/`, import.meta.url));

describe.each(SUBGRAPHS.map((s) => [s.name, s.definition] as const))('%s', (name, definition) => {
  it('has entities that agree with its migrated schema', async () => {
    const db = await createTestDatabase(`entities_${name}`);
    const orm = await openDatabase({ ...definition.database, databaseUrl: db.url });
    try {
      expect(await entitySchemaDrift(orm, UNMAPPED[name])).toEqual([]);
    } finally {
      await orm.close();
      await db.drop();
    }
  });

  it('names its migration files in the order they run (the number is the place in the list)', () => {
    const files = readdirSync(migrationsDir(name))
      .filter((f) => f !== 'index.ts')
      .sort();
    expect(files.every((f) => /^\d{3}_\w+\.ts$/.test(f))).toBe(true);
    const order = definition.database.migrations.map((m) => m.name);
    for (const file of files) {
      const stem = file.replace(/\.ts$/, '');
      expect([stem, order.indexOf(`Migration${stem}`) + 1]).toEqual([stem, Number(stem.slice(0, 3))]);
    }
  });

  it('records each migration under its own name', () => {
    const names = definition.database.migrations.map((M) => new M(undefined as never, undefined as never).name);
    expect(new Set(names).size).toBe(names.length);
  });
});
