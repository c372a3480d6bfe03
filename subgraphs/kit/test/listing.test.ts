import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { encodeCursor, pageRequest } from '../src/pagination.js';
import { polishCompare, polishSqlFunctions } from '../src/search.js';
import { territoryPrefixes } from '../src/teryt.js';
import {
  decodeAfter,
  defineList,
  joinSql,
  keysetAfter,
  rawSql,
  sql,
  territoryParent,
  type SqlExecutor,
  type SortOrder,
} from '../src/listing/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const ID = '0b4f9a3c-6a4e-4b1e-9d2a-3f1c2b7e8a90';
const badAfter = expect.objectContaining({
  extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }),
});

describe('cursor codec', () => {
  const newest: SortOrder = {
    tag: 'NEWEST',
    keys: [{ expr: 'g.starts_on', type: 'date', direction: 'desc', nullsLast: true }],
  };

  it('decodes [tag, ...keys, id] of its own sort and refuses any other shape on `after`', () => {
    expect(decodeAfter(newest, null)).toBeNull();
    expect(decodeAfter(newest, ['NEWEST', '2024-05-01', ID])).toEqual(['2024-05-01', ID]);
    expect(decodeAfter(newest, ['NEWEST', null, ID])).toEqual([null, ID]);
    for (const after of [
      ['OLDEST', '2024-05-01', ID],
      ['NEWEST', '2024-05-01T10:00:00Z', ID],
      ['NEWEST', '2021-02-30', ID],
      ['NEWEST', '2024-05-01', 'x'],
      ['NEWEST', '2024-05-01', ID, 1],
      ['NEWEST', ID],
      ['2024-05-01', ID],
    ]) {
      expect(() => decodeAfter(newest, after)).toThrow(badAfter);
    }
  });

  it('refuses null for a key that has no nulls, and malformed values of every key type', () => {
    const order = (type: 'text' | 'numeric' | 'float8' | 'timestamptz'): SortOrder => ({
      tag: 'S',
      keys: [{ expr: 'x', type }],
    });
    expect(() => decodeAfter(order('text'), ['S', null, ID])).toThrow(badAfter);
    expect(() => decodeAfter(order('numeric'), ['S', '1e400', ID])).toThrow(badAfter);
    expect(() => decodeAfter(order('float8'), ['S', 'NaN', ID])).toThrow(badAfter);
    expect(() => decodeAfter(order('timestamptz'), ['S', 'soon', ID])).toThrow(badAfter);
    // Ranks travel as numbers; funding's earlier cursors carried them as text, which still decodes.
    expect(decodeAfter(order('float8'), ['S', 0.42, ID])).toEqual([0.42, ID]);
    expect(decodeAfter(order('float8'), ['S', '0.42', ID])).toEqual(['0.42', ID]);
    // Instants in microseconds, and the milliseconds of cursors written by JS before the engine.
    expect(decodeAfter(order('timestamptz'), ['S', '2024-05-01T08:00:00.123456Z', ID])).toHaveLength(2);
    expect(decodeAfter(order('timestamptz'), ['S', '2024-05-01T08:00:00.123Z', ID])).toHaveLength(2);
  });

  it('reads an untagged legacy cursor as [keys, id] only', () => {
    const legacy: SortOrder = { tag: null, keys: [{ expr: 'e.starts_at', type: 'timestamptz', nullsLast: true }] };
    expect(decodeAfter(legacy, [null, ID])).toEqual([null, ID]);
    expect(() => decodeAfter(legacy, ['STARTS_AT_DESC', null, ID])).toThrow(badAfter);
    expect(() => decodeAfter(legacy, ['Zebra', 'x'])).toThrow(badAfter);
  });

  it('goes through the one base64url JSON codec of pageRequest', () => {
    expect(
      decodeAfter(newest, pageRequest({ first: 5, after: encodeCursor(['NEWEST', '2024-05-01', ID]) }).after),
    ).toEqual(['2024-05-01', ID]);
  });
});

describe('keyset', () => {
  it('keeps null-keyed rows after every keyed cursor', () => {
    const order: SortOrder = {
      tag: 'N',
      keys: [{ expr: 'g.starts_on', type: 'date', direction: 'desc', nullsLast: true }],
    };
    expect(keysetAfter(order, ['2024-05-01', ID])).toEqual(
      sql`(s.k0 < ${'2024-05-01'}::date or (s.k0 = ${'2024-05-01'}::date and s.id > ${ID}::uuid) or s.k0 is null)`,
    );
    expect(keysetAfter(order, [null, ID])).toEqual(sql`(s.k0 is null and s.id > ${ID}::uuid)`);
  });

  it('compares trailing ascending keys as one row, which a btree index serves', () => {
    const order: SortOrder = {
      tag: 'R',
      keys: [
        { expr: 'rank', type: 'float8', direction: 'desc' },
        { expr: 'name_key', type: 'text' },
      ],
    };
    expect(keysetAfter(order, [0.5, 'abc', ID])).toEqual(
      sql`(s.k0 < ${0.5}::float8 or (s.k0 = ${0.5}::float8 and (s.k1, s.id) > (${'abc'}::text, ${ID}::uuid)))`,
    );
    const legacy: SortOrder = {
      tag: 'T',
      keys: [{ expr: 'key', type: 'text', cursor: { value: 'e.title', bind: 'f(?::text) collate "C"' } }],
    };
    expect(keysetAfter(legacy, ['Lato', ID])).toEqual(
      sql`(s.k0, s.id) > (${rawSql('f(')}${'Lato'}${rawSql('::text) collate "C"')}, ${ID}::uuid)`,
    );
  });
});

describe('a declared list on PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let statements: string[] = [];
  const em: SqlExecutor = {
    execute: async (text, params) => {
      statements.push(text);
      let n = 0;
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows;
    },
  };

  interface Criteria {
    search: string | null;
    territoryPrefixes: string[] | null;
    minAmount: string | null;
    from: string | null;
  }
  type Sort = 'RELEVANCE' | 'NAME' | 'NEWEST' | 'AMOUNT' | 'DAY';
  const list = defineList<Criteria, Sort, 'territory'>({
    name: 'item',
    table: 'l.item',
    alias: 'i',
    filters: {
      territory: (c) =>
        c.territoryPrefixes
          ? sql`(${joinSql(
              c.territoryPrefixes.map((prefix) => sql`i.territory_code like ${`${prefix}%`}`),
              ' or ',
            )})`
          : null,
      amount: (c) => (c.minAmount == null ? null : sql`i.amount >= ${c.minAmount}::numeric`),
      from: {
        where: (c) => (c.from == null ? null : sql`coalesce(i.day, '-infinity') >= ${c.from}::date`),
        // Disjoint halves, as events splits its date range: paged apart and merged.
        page: (c) =>
          c.from == null
            ? null
            : [
                sql`i.day >= ${c.from}::date and i.day < '2024-06-01'`,
                sql`i.day >= greatest(${c.from}::date, '2024-06-01')`,
              ],
      },
    },
    search: { schema: 'l', indexed: 'l.f_search_text(i.name)', sort: 'RELEVANCE' },
    sorts: {
      NAME: [{ expr: 'l.f_polish_key(i.name) collate "C"', type: 'text' }],
      NEWEST: [{ expr: 'i.created_at', type: 'timestamptz', direction: 'desc' }],
      AMOUNT: [{ expr: 'i.amount', type: 'numeric', direction: 'desc', nullsLast: true }],
      DAY: [{ expr: 'i.day', type: 'date', nullsLast: true }],
    },
    defaultSort: 'NAME',
    parents: {
      territory: territoryParent((t) => ({
        join: sql`join ${t.pairs} on i.territory_code like tp.prefix || '%'`,
        key: 'tp.code',
      })),
    },
  });

  const NAMES = [
    'Łąka',
    'Lato',
    'Żuraw',
    'Zebra',
    'ćma',
    'Cisza',
    'Ogród',
    'Ogrody',
    'Ogrodnik',
    'Ala',
    'Ąkacja',
    'Beta',
    'Łódź',
    'Lody',
    'Śnieg',
    'Sad',
  ];
  const CODES = ['1465011', '1465108', '0264011', '1201011'];
  const items = NAMES.flatMap((name, i) =>
    [0, 1].map((copy) => ({
      id: randomUUID(),
      name,
      territory: CODES[(i + copy) % CODES.length]!,
      amount: (i + copy) % 5 === 0 ? null : `${String(((i * 7 + copy) % 6) * 100)}.50`,
      day: (i + copy) % 4 === 0 ? null : `2024-0${1 + ((i + copy) % 9)}-1${copy}`,
      createdAt: new Date(Date.UTC(2024, 0, 1) + ((i * 3 + copy) % 20) * 1000 + 0.001).toISOString(),
    })),
  );

  beforeAll(async () => {
    db = await createTestDatabase('listing');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      'create extension if not exists unaccent; create extension if not exists pg_trgm; create schema l',
    );
    for (const statement of polishSqlFunctions('l')) await client.query(statement);
    await client.query(`create table l.item (id uuid primary key, name text not null, territory_code text not null,
      amount numeric(12,2), day date, created_at timestamptz not null)`);
    for (const it of items) {
      // Microseconds that a millisecond cursor would lose: ties on created_at must still page exactly.
      await client.query(
        `insert into l.item values ($1, $2, $3, $4, $5, $6::timestamptz + interval '7 microseconds')`,
        [it.id, it.name, it.territory, it.amount, it.day, it.createdAt],
      );
    }
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const none: Criteria = { search: null, territoryPrefixes: null, minAmount: null, from: null };

  async function walk(criteria: Criteria, sort: Sort | null, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await list.connection(
        em,
        list.query(criteria, sort, pageRequest({ first, after })),
        (r) => r.id as string,
      );
      ids.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('no end');
  }

  const byId = new Map(items.map((it) => [it.id, it]));
  const cmpId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const nullsLast =
    <T>(f: (a: T, b: T) => number) =>
    (a: T | null, b: T | null) =>
      a === null ? (b === null ? 0 : 1) : b === null ? -1 : f(a, b);

  it('pages every sort one to five rows at a time in the independently computed order, each row once', async () => {
    const expected: Record<Exclude<Sort, 'RELEVANCE'>, string[]> = {
      NAME: [...items].sort((a, b) => polishCompare(a.name, b.name) || cmpId(a, b)).map((i) => i.id),
      NEWEST: [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || cmpId(a, b)).map((i) => i.id),
      AMOUNT: [...items]
        .sort((a, b) => nullsLast<string>((x, y) => Number(y) - Number(x))(a.amount, b.amount) || cmpId(a, b))
        .map((i) => i.id),
      DAY: [...items]
        .sort((a, b) => nullsLast<string>((x, y) => x.localeCompare(y))(a.day, b.day) || cmpId(a, b))
        .map((i) => i.id),
    };
    for (const [sort, ids] of Object.entries(expected)) {
      for (const first of [1, 3, 5])
        expect([sort, first, await walk(none, sort as Sort, first)]).toEqual([sort, first, ids]);
    }
  });

  it('ranks a search, RELEVANCE by default with one and the default order without', async () => {
    const search = { ...none, search: 'ogrod' };
    const names = (ids: string[]) => ids.map((id) => byId.get(id)!.name);
    // Equal ranks (all contain the text) in Polish name order: ó is a letter after o.
    expect(names(await walk(search, null, 1))).toEqual(['Ogrodnik', 'Ogrodnik', 'Ogrody', 'Ogrody', 'Ogród', 'Ogród']);
    expect(await walk(none, 'RELEVANCE', 7)).toEqual(await walk(none, 'NAME', 7));
    // A NAME cursor does not continue a RELEVANCE list.
    const name = await list.connection(em, list.query(search, 'NAME', pageRequest({ first: 1 })), (r) => r.id);
    expect(() => list.query(search, null, pageRequest({ first: 1, after: name.pageInfo.endCursor }))).toThrow(badAfter);
  });

  it('pages a split filter as the union of its parts, and counts it whole', async () => {
    const from = { ...none, from: '2024-03-01' };
    const expected = items
      .filter((it) => it.day !== null && it.day >= '2024-03-01')
      .sort((a, b) => a.day!.localeCompare(b.day!) || cmpId(a, b))
      .map((i) => i.id);
    expect(await walk(from, 'DAY', 2)).toEqual(expected);
    statements = [];
    expect(await list.count(em, from)).toBe(expected.length);
    expect(statements[0]).not.toContain('union all');
  });

  it('pages and counts many territories in one statement each, as the root list filtered by each', async () => {
    const asked = ['14', '1465011', '02', '1201011', '9999999'];
    statements = [];
    const loaders = list.parentLoaders(em, 'territory');
    const query = list.query({ ...none, minAmount: '100' }, 'AMOUNT', pageRequest({ first: 3 }));
    const pages = await Promise.all(asked.map((code) => list.parentConnection(loaders, code, query, (r) => r.id)));
    const counts = await Promise.all(pages.map((p) => p.totalCount));
    expect(statements.map((s) => s.slice(0, 30))).toEqual([
      '/* item.pageBy_territory */ se',
      '/* item.countBy_territory */ s',
    ]);
    for (const [i, code] of asked.entries()) {
      const filter = {
        ...none,
        minAmount: '100',
        territoryPrefixes: code === '9999999' ? ['none'] : territoryPrefixes(code),
      };
      const root = await list.connection(em, list.query(filter, 'AMOUNT', pageRequest({ first: 3 })), (r) => r.id);
      expect([code, pages[i]!.edges, pages[i]!.pageInfo, counts[i]]).toEqual([
        code,
        root.edges,
        root.pageInfo,
        await root.totalCount,
      ]);
    }
  });
});
