import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The ORM boundary (see src/orm.ts): only repositories, entities, migrations and seeders import
 * `@mikro-orm/*`, and in kit only orm.ts (which gives everyone else `Db`, `Tx` and `inTransaction`).
 * Services, resolvers, loaders, outbox and inbox modules, schemas, tools and tests hold a `Db`.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.node', '.data', '.turbo']);
const ALLOWED = [
  /\.(repository|entity)\.ts$/,
  /\/src\/migrations\//,
  /\/src\/seeders\//,
  /^subgraphs\/kit\/src\/orm\.ts$/,
];
const ORM_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]@mikro-orm\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(join(dir, entry.name));
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [];
  });
}

describe('the ORM boundary', () => {
  const files = sourceFiles(root).map((file) => relative(root, file).split('\\').join('/'));

  it('scans the whole tree', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'subgraphs/kit/src/orm.ts',
        'subgraphs/organisations/src/modules/organisation/organisation.service.ts',
        'gateway/src/gateway.ts',
      ]),
    );
  });

  it('is crossed only by repositories, entities, migrations, seeders and kit/src/orm.ts', () => {
    const crossing = files.filter(
      (file) => ORM_IMPORT.test(readFileSync(join(root, file), 'utf8')) && !ALLOWED.some((re) => re.test(file)),
    );
    expect(crossing).toEqual([]);
  });

  it('recognises an ORM import in any form', () => {
    const orm = '@mikro-orm/'; // spelled apart, so this file does not import it in the scan's eyes
    for (const line of [
      `import type { EntityManager } from '${orm}postgresql';`,
      `import { Migration } from "${orm}migrations";`,
      `const { MikroORM } = await import('${orm}core');`,
      `export { raw } from '${orm}sql';`,
    ])
      expect(ORM_IMPORT.test(line)).toBe(true);
    expect(ORM_IMPORT.test("import type { Db } from '@ngo-hub/kit';")).toBe(false);
  });
});
