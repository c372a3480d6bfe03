import pg from 'pg';
import { polishCompare, polishSqlFunctions, searchSql } from '../src/search.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// The SQL is checked on the real server: ordering must agree with an independent Polish collation.
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('search');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    'create extension if not exists pg_trgm with schema public; create extension if not exists unaccent with schema public; create schema s',
  );
  for (const sql of polishSqlFunctions('s')) await client.query(sql);
  await client.query(
    `create table s.t (name text); create index on s.t using gin (s.f_search_text(name) public.gin_trgm_ops)`,
  );
  await client.query(
    `insert into s.t values ('Łomża'), ('Lublin'), ('Żyrardów'), ('Zamość'), ('Ząbki'), ('Ostrołęka'), ('Ośrodek'), ('Klub Myśli Społecznej Inicjatywy'), ('Ćmielów'), ('Ciechanów'), ('ABC 2'), ('abc 10')`,
  );
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function search(text: string): Promise<string[]> {
  const q = searchSql('s', 's.f_search_text(name)', text);
  const sql = `select name from s.t where ${q.where} order by ${q.rank} desc, s.f_polish_key(name) collate "C"`;
  let i = 0;
  const params = [...q.whereParams, ...q.rankParams];
  const { rows } = await client.query(
    sql.replace(/\?/g, () => `$${++i}`),
    params,
  );
  return rows.map((r) => r.name);
}

describe('Polish ordering', () => {
  it('orders names by the Polish alphabet: Ł after L, Ć after C, Ż last', async () => {
    const { rows } = await client.query('select name from s.t order by s.f_polish_key(name) collate "C"');
    const names = rows.map((r) => r.name);
    const letters = names.filter((n) => /^\p{L}/u.test(n));
    expect(letters).toEqual([...letters].sort(polishCompare));
    expect(names.indexOf('Łomża')).toBeGreaterThan(names.indexOf('Lublin'));
    expect(names.indexOf('Ćmielów')).toBeGreaterThan(names.indexOf('Ciechanów'));
    expect(names.at(-1)).toBe('Żyrardów');
  });
});

describe('search', () => {
  it('ignores case and diacritics, ł included', async () => {
    expect(await search('spolecznej')).toEqual(['Klub Myśli Społecznej Inicjatywy']);
    expect(await search('zyrardow')).toEqual(['Żyrardów']);
    expect(await search('LOMZA')).toEqual(['Łomża']);
  });

  it('tolerates a typo and ranks an exact match first', async () => {
    expect(await search('inicjatywu')).toEqual(['Klub Myśli Społecznej Inicjatywy']);
    expect(await search('ostroleka')).toEqual(['Ostrołęka']);
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    expect(await search('%')).toEqual([]);
  });
});
