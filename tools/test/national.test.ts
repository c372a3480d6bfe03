import pg from 'pg';
import { createTestDatabase, startTestSubgraph, type TestDatabase } from '@ngo-hub/kit/testing';
import {
  isValidIdentifier,
  isValidNip,
  isValidRegon,
  openDatabase,
  tercRegister,
  TOPICS,
  type IdentifierScheme,
} from '@ngo-hub/kit';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { loadNational } from '../src/dataset/load.js';
import { scaleCounts } from '../src/dataset/scale.js';
import { syntheticNip, syntheticRegon } from '../src/dataset/identifiers.js';

const SCALE = 0.002;
const SEED = 4242;
/** The day the data set is dated against (`--today`), fixed so that reruns are identical. */
const TODAY = '2026-03-15';

let db: TestDatabase;
let client: pg.Client;

const one = async <T = any>(sql: string): Promise<T> => (await client.query(sql)).rows[0] as T;
const count = async (table: string) => Number((await one<{ n: string }>(`select count(*) as n from ${table}`)).n);
/** md5 of a table dumped in primary-key order: equal digests mean identical rows. */
/** A table's content; when it was written (created_at, updated_at: the load's own time) is not content. */
const digest = async (table: string, order: string) =>
  (
    await one<{ md5: string }>(
      `select md5(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, E'\\n' order by ${order})) as md5 from ${table} t`,
    )
  ).md5;

beforeAll(async () => {
  db = await createTestDatabase('national');
  await loadNational({ databaseUrl: db.url, scale: SCALE, seed: SEED, today: TODAY });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('national data set at a small scale', () => {
  it('writes exactly the requested number of rows', async () => {
    const expected = scaleCounts(SCALE);
    expect(expected.organisations).toBe(200);
    expect({
      organisations: await count('organisations.organisation'),
      partnerships: await count('partnerships.partnership'),
      memberships: await count('partnerships.membership'),
      events: await count('events.event'),
      grants: await count('funding.grant_award'),
    }).toEqual(expected);
  });

  it('gives synthetic register numbers that pass the checksums and are unique per scheme', async () => {
    const { rows } = await client.query<{ scheme: IdentifierScheme; value: string }>(
      'select scheme, value from organisations.organisation_identifier',
    );
    expect(rows.length).toBeGreaterThan(200);
    expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['KRS', 'NIP', 'REGON']));
    expect(rows.filter((r) => !isValidIdentifier(r.scheme, r.value))).toEqual([]);
    expect(new Set(rows.map((r) => `${r.scheme}:${r.value}`)).size).toBe(rows.length);
  });

  it('generates valid NIP and REGON numbers for every index of the full scale', () => {
    for (let i = 0; i < 100_000; i += 7) {
      expect(isValidNip(syntheticNip(i, i % 400))).toBe(true);
      expect(isValidRegon(syntheticRegon(i, '14'))).toBe(true);
    }
  });

  it('seats every organisation in a real gmina of the TERC register, with Polish names', async () => {
    const { rows } = await client.query<{ code: string }>(
      'select distinct territory_code as code from organisations.organisation',
    );
    expect(rows.filter((r) => tercRegister().get(r.code)?.level !== 'GMINA')).toEqual([]);
    const polish = await one<{ n: string }>(
      `select count(*) as n from organisations.organisation where name ~ '[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]'`,
    );
    expect(Number(polish.n)).toBeGreaterThan(20);
    const sectors = await client.query<{ sector: string }>(
      'select distinct sector from organisations.organisation order by 1',
    );
    expect(sectors.rows.map((r) => r.sector)).toEqual(['BUSINESS', 'NGO', 'PUBLIC']);
  });

  it('has partnerships with one open lead partner and members across powiat and voivodeship lines', async () => {
    const leads = await one<{ bad: string }>(`select count(*) as bad from partnerships.partnership p
      where (select count(*) from partnerships.membership m where m.partnership_id = p.id and m.role = 'LEAD_PARTNER' and m.left_on is null) <> 1
        and p.status <> 'DISSOLVED'`);
    expect(Number(leads.bad)).toBe(0);
    const spread = await one<{ powiats: string; voivodeships: string }>(`select
        count(*) filter (where powiats > 1) as powiats, count(*) filter (where voivodeships > 1) as voivodeships
      from (select m.partnership_id, count(distinct left(o.territory_code, 4)) as powiats, count(distinct left(o.territory_code, 2)) as voivodeships
            from partnerships.membership m join organisations.organisation o on o.id = m.organisation_id group by 1) s`);
    expect(Number(spread.powiats)).toBeGreaterThan(0);
    expect(Number(spread.voivodeships)).toBeGreaterThan(0);
  });

  it('dates events from 2016 to four months after --today, some of them upcoming, with one to three organisers', async () => {
    const range = await one<{
      first: string;
      last: string;
      upcoming: string;
    }>(`select min(starts_at at time zone 'Europe/Warsaw')::date::text as first,
      max(starts_at at time zone 'Europe/Warsaw')::date::text as last,
      count(*) filter (where (starts_at at time zone 'Europe/Warsaw')::date > '${TODAY}') as upcoming from events.event`);
    expect(range.first >= '2016-01-01' && range.last <= '2026-07-13').toBe(true);
    expect(Number(range.upcoming)).toBeGreaterThan(0);
    const organisers = await one<{ min: number; max: number }>(`select min(n)::int as min, max(n)::int as max
      from (select e.id, count(o.organisation_id) as n from events.event e left join events.event_organiser o on o.event_id = e.id group by e.id) s`);
    expect(organisers).toEqual({ min: 1, max: 3 });
  });

  it('has a round of every running programme open on --today', async () => {
    const open = await one<{ n: string; local: string }>(`select count(*) as n,
        count(*) filter (where title like 'Otwarty konkurs%') as local
      from funding.call where opens_on <= '${TODAY}' and closes_on >= '${TODAY}'`);
    expect(Number(open.n)).toBeGreaterThan(10);
    expect(Number(open.local)).toBeGreaterThan(0);
  });

  it('marks every record it writes as SYNTHETIC', async () => {
    const sources = await one<{
      sources: string[];
    }>(`select array_agg(distinct source order by source) as sources from (
        select source from organisations.organisation union all select source from partnerships.partnership
        union all select source from events.event union all select source from funding.grant_award
        union all select source from funding.call) s`);
    expect(sources.sources).toEqual(['SYNTHETIC']);
  });

  it('keeps agreement numbers unique per funder and co-financing summing to the awarded amount', async () => {
    const sums = await one<{
      bad: string;
      cofinanced: string;
    }>(`select count(*) filter (where s.total <> g.amount_awarded) as bad, count(*) as cofinanced
      from funding.grant_award g join (select grant_id, sum(amount) as total from funding.grant_funding_source group by 1) s on s.grant_id = g.id`);
    expect(Number(sums.cofinanced)).toBeGreaterThan(0);
    expect(Number(sums.bad)).toBe(0);
    const numbers = await one<{ all: string; distinct: string }>(`select count(*) as all,
      count(distinct (funder_id, agreement_number)) as distinct from funding.grant_award`);
    expect(numbers.distinct).toBe(numbers.all);
  });

  it("fills the cooperation read model exactly as the owners' integration events would", async () => {
    const expected = `
      select 'PARTNERSHIP' as kind, partnership_id as source_id, organisation_id from partnerships.membership
        where left_on is null or left_on > (now() at time zone 'Europe/Warsaw')::date
      union select 'GRANT', id, recipient_id from funding.grant_award
      union select 'GRANT', grant_id, organisation_id from funding.grant_partner
      union select 'EVENT', o.event_id, o.organisation_id from events.event_organiser o join events.event e on e.id = o.event_id
        where e.status <> 'CANCELLED'`;
    const actual = 'select kind, source_id, organisation_id from organisations.cooperation_link';
    const missing = await one<{ n: string }>(`select count(*) as n from ((${expected}) except (${actual})) x`);
    const extra = await one<{ n: string }>(`select count(*) as n from ((${actual}) except (${expected})) x`);
    expect({ missing: Number(missing.n), extra: Number(extra.n) }).toEqual({ missing: 0, extra: 0 });
    expect(await count('organisations.cooperation_link')).toBeGreaterThan(3000);
    const seats = await one<{ n: string }>(`select count(*) as n from organisations.organisation o
      full join funding.organisation_seat s on s.organisation_id = o.id where s.territory_code is distinct from o.territory_code`);
    expect(Number(seats.n)).toBe(0);
  });

  it("fills the replicas of known ids that writes are checked against, as the owners' events would", async () => {
    const replicas: [string, string, string][] = [
      ['events', 'organisation', 'organisations.organisation'],
      ['events', 'partnership', 'partnerships.partnership'],
      ['partnerships', 'organisation', 'organisations.organisation'],
      ['funding', 'organisation', 'organisations.organisation'],
      ['funding', 'partnership', 'partnerships.partnership'],
    ];
    for (const [schema, kind, owner] of replicas) {
      const differ = await one<{
        n: string;
      }>(`select count(*) as n from (select id from ${schema}.known_id where kind = '${kind}') k
        full join ${owner} o on o.id = k.id where k.id is null or o.id is null`);
      expect({ schema, kind, differ: Number(differ.n) }).toEqual({ schema, kind, differ: 0 });
    }
  });

  it('precomputes the ties, including ties across voivodeship lines', async () => {
    const ties = await one<{ all: string; across: string }>(`select count(*) as all,
      count(*) filter (where level = 'WOJEWODZTWO') as across from organisations.cooperation_pair`);
    expect(Number(ties.all)).toBeGreaterThan(0);
    expect(Number(ties.across)).toBeGreaterThan(0);
  });

  it("records every owner's state as already published, so a first start sends nothing", async () => {
    const published = await one<{
      events: string;
      grants: string;
      seats: string;
      partnerships: string;
      pending: string;
    }>(`select
      (select count(*) from events.outbox where topic = '${TOPICS.eventOrganisers.name}') as events,
      (select count(*) from funding.outbox where topic = '${TOPICS.grantParticipants.name}') as grants,
      (select count(*) from organisations.outbox where topic = '${TOPICS.organisationSeat.name}') as seats,
      (select count(*) from partnerships.outbox where topic = '${TOPICS.partnershipMembers.name}') as partnerships,
      (select sum(n) from (select count(*) as n from events.outbox where not ('*' = any(delivered_to)) union all
        select count(*) from funding.outbox where not ('*' = any(delivered_to)) union all
        select count(*) from organisations.outbox where not ('*' = any(delivered_to)) union all
        select count(*) from partnerships.outbox where not ('*' = any(delivered_to))) pending) as pending`);
    const expected = scaleCounts(SCALE);
    expect(Number(published.pending)).toBe(0);
    expect(Number(published.events)).toBe(expected.events);
    expect(Number(published.grants)).toBe(expected.grants);
    expect(Number(published.seats)).toBe(expected.organisations);
    expect(Number(published.partnerships)).toBe(expected.partnerships);
  });

  it('ends with exactly the indexes the migrations create', async () => {
    const INDEXES = `select schemaname || '.' || indexname || ': ' || indexdef as index from pg_indexes
      where schemaname in ('organisations', 'partnerships', 'events', 'funding') order by 1`;
    const fresh = await createTestDatabase('national_fresh');
    try {
      for (const subgraph of [organisationsSubgraph, partnershipsSubgraph, eventsSubgraph, fundingSubgraph]) {
        await (await openDatabase({ ...subgraph.database, databaseUrl: fresh.url })).close();
      }
      const other = new pg.Client({ connectionString: fresh.url });
      await other.connect();
      const migrated = (await other.query(INDEXES)).rows.map((r) => r.index);
      await other.end();
      expect(migrated.length).toBeGreaterThan(40);
      expect((await client.query(INDEXES)).rows.map((r) => r.index)).toEqual(migrated);
    } finally {
      await fresh.drop();
    }
  });

  it('is served by the subgraphs', async () => {
    const queries: [typeof organisationsSubgraph, string, string, number][] = [
      [organisationsSubgraph, '{ organisations(first: 5) { totalCount edges { node { id } } } }', 'organisations', 200],
      [partnershipsSubgraph, '{ partnerships(first: 5) { totalCount edges { node { id } } } }', 'partnerships', 20],
      [eventsSubgraph, '{ events(first: 5) { totalCount edges { node { id } } } }', 'events', 2000],
      [fundingSubgraph, '{ grants(first: 5) { totalCount edges { node { id } } } }', 'grants', 600],
    ];
    for (const [definition, query, field, total] of queries) {
      const service = await startTestSubgraph(definition, db.url, { demoData: false });
      try {
        const result = await service.query(query);
        expect(result.errors).toBeUndefined();
        expect(result.data[field].totalCount).toBe(total);
        expect(result.data[field].edges).toHaveLength(5);
      } finally {
        await service.close();
      }
    }
  });

  it('loads identical data again from the same seed with --reset, and different data from another seed', async () => {
    const tables: [string, string][] = [
      ['organisations.organisation', 't.id'],
      ['events.event', 't.id'],
      ['funding.grant_award', 't.id'],
      ['organisations.cooperation_link', 't.kind, t.source_id, t.organisation_id'],
    ];
    const digests = async () => {
      const out: string[] = [];
      for (const [table, order] of tables) out.push(await digest(table, order));
      return out;
    };
    const before = await digests();
    await loadNational({ databaseUrl: db.url, scale: SCALE, seed: SEED, today: TODAY, reset: true });
    expect(await digests()).toEqual(before);
    await loadNational({ databaseUrl: db.url, scale: SCALE, seed: SEED + 1, today: TODAY, reset: true });
    expect(await digest('events.event', 't.id')).not.toEqual(before[1]);
  }, 120_000);

  it('refuses to load over existing data without --reset', async () => {
    await expect(loadNational({ databaseUrl: db.url, scale: SCALE, seed: SEED, today: TODAY })).rejects.toThrow(
      /not empty/,
    );
  });
});
