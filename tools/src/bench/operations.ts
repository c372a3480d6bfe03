import { DateTime } from 'luxon';
import pg from 'pg';
import { Random } from '@ngo-hub/kit/synthetic';

/** One benchmarked operation: a document and the rotating variables its requests cycle through. */
export interface Operation {
  name: string;
  description: string;
  query: string;
  variables: Record<string, unknown>[];
  /** The analytics targets are looser (p97.5 ≤ 500 ms) than the portal pages' (p97.5 ≤ 50 ms). */
  targetP975Ms: number;
}

const DIRECTORY = `query Directory($search: String!, $territory: String!, $first: Int!) {
  organisations(filter: { search: $search, territory: $territory }, first: $first) {
    totalCount
    edges { node { id name sector legalForm territory { name } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const PROFILE = `query Profile($id: ID!) {
  organisation(id: $id) {
    id name sector legalForm
    territory { name parent { name } }
    identifiers { scheme value }
    memberships { role partnership { name } }
    events(first: 5) { totalCount edges { node { title startsAt venue { territory { name } } } } }
    grants { title amountAwarded { amount currency } fundingSources { funder { name } } }
    cooperatesWith(first: 5) { totalCount edges { node { partnerships grants events organisation { name } } } }
  }
}`;

const CALENDAR = `query Calendar($territory: String!, $from: DateTime!, $to: DateTime!) {
  events(filter: { territory: $territory, from: $from, to: $to }, first: 50) {
    totalCount
    edges { node { id title startsAt organisers { name } venue { locality } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const FLOWS = `query Flows($territory: String!) {
  fundingFlows(territory: $territory, level: POWIAT, groupBy: [FUNDER, YEAR]) {
    funder { name } year currency grants amountAwarded
  }
}`;

// Paged (the strongest 50 ties and their count): the unpaged, deprecated `cooperation` list of a
// voivodeship by powiat is about 8,800 ties, 0.7 MB, which no portal renders at once.
const COOPERATION = `query Cooperation($territory: String!) {
  cooperationTies(territory: $territory, level: POWIAT, first: 50) {
    totalCount
    edges { node { a { code name } b { code name } strength partnershipCount grantCount eventCount } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/**
 * How many variable sets each operation rotates through, at most (fewer only where fewer exist): a
 * portal's traffic spreads over hundreds of powiats, two years of months and many organisations, so
 * a benchmark repeating a few dozen identical queries would measure a warm cache, not the hub.
 */
export const ROTATION = { powiats: 400, months: 24, organisations: 1000 } as const;

/** The same deterministic order on every run, but not sorted: neighbouring requests ask unrelated things. */
function shuffled<T>(items: T[], seed: number): T[] {
  const random = new Random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Picks real parameters from the database, deterministically, so two runs on the same data send the
 * same requests in the same order: every powiat with organisations, each with a word of its
 * organisations' names (common and rarer words alike); organisations that belong to a partnership,
 * in an order unrelated to their size; every powiat with events, for each of the 12 months before
 * and the 12 from this one; every voivodeship.
 */
export async function chooseOperations(databaseUrl: string): Promise<Operation[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const organisations = Number(
      (await client.query('select count(*) as n from organisations.organisation')).rows[0].n,
    );
    if (organisations === 0)
      throw new Error('the database has no organisations: load the national data set first (npm run data:national)');

    // Word of rank 1..10 in each powiat (cycling with the powiat's rank), so the searches mix
    // very common words ("fundacja") with rarer ones, as a portal's visitors do.
    const directory = (
      await client.query(
        `
      with o as (
        select left(territory_code, 4) as powiat, name from organisations.organisation
        where territory_code is not null and length(territory_code) = 7),
      top as (
        select powiat, row_number() over (order by count(*) desc, powiat) as rank from o group by powiat
        order by count(*) desc, powiat limit $1),
      words as (
        select top.powiat, top.rank, w.word, row_number() over (partition by top.powiat order by count(*) desc, w.word) as word_rank
        from top join o using (powiat), regexp_split_to_table(lower(o.name), '[^[:alpha:]]+') as w(word)
        where length(w.word) >= 5 group by top.powiat, top.rank, w.word)
      select powiat, word from words where word_rank = ((rank - 1) % 10) + 1 order by rank`,
        [ROTATION.powiats],
      )
    ).rows as { powiat: string; word: string }[];

    const profiles = (
      await client.query(
        `
      select organisation_id as id from partnerships.membership where left_on is null
      group by organisation_id order by md5(organisation_id::text) limit $1`,
        [ROTATION.organisations],
      )
    ).rows as { id: string }[];

    const powiats = (
      await client.query(
        `
      select left(venue_territory_code, 4) as powiat from events.event where length(venue_territory_code) >= 4
      group by 1 order by count(*) desc, 1 limit $1`,
        [ROTATION.powiats],
      )
    ).rows as { powiat: string }[];
    const thisMonth = DateTime.now().setZone('Europe/Warsaw').startOf('month');
    const months = Array.from({ length: ROTATION.months }, (_, i) =>
      thisMonth.plus({ months: i - ROTATION.months / 2 }),
    );

    const voivodeships = (
      await client.query(`
      select distinct left(territory_code, 2) as code from organisations.organisation where territory_code is not null order by 1`)
    ).rows as { code: string }[];

    for (const [what, rows] of [
      ['directory', directory],
      ['profile', profiles],
      ['calendar', powiats],
      ['flows', voivodeships],
    ] as const) {
      if (rows.length === 0) throw new Error(`no parameters for ${what}: the database lacks the rows it needs`);
    }
    const calendar = powiats.flatMap(({ powiat }) =>
      months.map((start) => ({ territory: powiat, from: start.toISO(), to: start.endOf('month').toISO() })),
    );
    return [
      {
        name: 'directory',
        description: 'portal directory: search + powiat filter, 20 per page',
        query: DIRECTORY,
        variables: shuffled(
          directory.map((d) => ({ search: d.word, territory: d.powiat, first: 20 })),
          1,
        ),
        targetP975Ms: 50,
      },
      {
        name: 'directory-100',
        description: 'the same at 100 per page (SQL per request must not grow)',
        query: DIRECTORY,
        variables: shuffled(
          directory.map((d) => ({ search: d.word, territory: d.powiat, first: 100 })),
          2,
        ),
        targetP975Ms: 50,
      },
      {
        name: 'profile',
        description: 'organisation profile across the four subgraphs',
        query: PROFILE,
        variables: profiles.map((p) => ({ id: p.id })),
        targetP975Ms: 50,
      },
      {
        name: 'calendar',
        description: 'a month of events in a powiat, 50 per page',
        query: CALENDAR,
        variables: shuffled(calendar, 3),
        targetP975Ms: 50,
      },
      {
        name: 'flows',
        description: 'funding flows of a voivodeship by powiat, funder and year',
        query: FLOWS,
        variables: shuffled(
          voivodeships.map((v) => ({ territory: v.code })),
          4,
        ),
        targetP975Ms: 500,
      },
      {
        name: 'cooperation',
        description: 'the 50 strongest cooperation ties between powiats, in a voivodeship',
        query: COOPERATION,
        variables: shuffled(
          voivodeships.map((v) => ({ territory: v.code })),
          5,
        ),
        targetP975Ms: 500,
      },
    ];
  } finally {
    await client.end();
  }
}

/** What the data set holds, for the results file. */
export async function datasetSize(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select
      (select count(*) from organisations.organisation) as organisations,
      (select count(*) from partnerships.partnership) as partnerships,
      (select count(*) from partnerships.membership) as memberships,
      (select count(*) from events.event) as events,
      (select count(*) from funding.grant_award) as grants`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
}

/**
 * Integration events the subgraphs have not yet pushed to all three others. On a first start over
 * a bulk load whose outboxes are not marked delivered, they publish in the background for minutes;
 * measuring then would measure that work, so the benchmark waits for zero.
 */
export async function pendingIntegrationEvents(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let pending = 0;
    for (const schema of ['organisations', 'partnerships', 'events', 'funding']) {
      const { rows } = await client.query(
        `select count(*) as n from ${schema}.outbox where not ('*' = any(delivered_to)) and cardinality(delivered_to) < 3`,
      );
      pending += Number(rows[0].n);
    }
    return pending;
  } finally {
    await client.end();
  }
}

/**
 * Waits until no other statement runs in this database: a request the gateway gave up on (subgraph
 * timeout) leaves its SQL running in PostgreSQL, which would slow the next measurement down.
 * Statements still running after `timeoutMs` are cancelled; returns how many were.
 */
export async function waitForQuietDatabase(databaseUrl: string, timeoutMs: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const active = `from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and backend_type = 'client backend'`;
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (Number((await client.query(`select count(*) as n ${active}`)).rows[0].n) === 0) return 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    return (await client.query(`select pg_cancel_backend(pid) ${active}`)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
