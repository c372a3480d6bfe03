import pg from 'pg';
import { timestampOf, timestampOrNull } from '../src/rows.js';
import { todayOnce, warsawToday } from '../src/scalars.js';

// The instants PostgreSQL itself reports for a column's text, in zones with odd offsets too
// (half hours, 45 minutes, and the seconds of old local mean times), as `timestamptz` text and as
// the ISO text of a `to_jsonb` row: read paths turn both into the Date the entities held.
const INSTANTS = [
  '2026-01-01 10:00:00+00',
  '2026-07-15 23:59:59.999999+00',
  '2025-03-30 01:30:00.1234+00',
  '1999-12-31 23:00:00.5+00',
  '1930-05-01 12:00:00.000001+00',
  '1890-06-01 08:00:00+00',
  '0050-06-01 08:00:00+00',
];
const ZONES = ['UTC', 'Europe/Warsaw', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Amsterdam'];

describe('timestamps of raw rows', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
    await client.connect();
  });
  afterAll(() => client.end());

  it.each(ZONES)(
    'reads the text PostgreSQL sends in %s as the instant it stands for, to the millisecond',
    async (zone) => {
      await client.query(`set time zone '${zone}'`);
      const { rows } = await client.query(
        `select t::text as text, to_jsonb(t) #>> '{}' as iso, floor(extract(epoch from t) * 1000)::float8 as ms
       from unnest($1::timestamptz[]) as t`,
        [INSTANTS],
      );
      for (const row of rows) {
        expect([row.text, timestampOf(row.text).getTime()]).toEqual([row.text, row.ms]);
        expect([row.iso, timestampOf(row.iso).getTime()]).toEqual([row.iso, row.ms]);
      }
    },
  );

  it('keeps a Date and null as they are', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    expect(timestampOf(date)).toBe(date);
    expect(timestampOrNull(null)).toBeNull();
    expect(timestampOrNull('2026-01-01 01:00:00+01')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('todayOnce', () => {
  it("is Warsaw's date, computed once however often it is asked", () => {
    const today = todayOnce();
    expect(today()).toBe(warsawToday());
    expect(today()).toBe(today());
  });
});
