import pg from 'pg';

/**
 * The floor of an operation: ONE hand-written SQL statement that returns the same data as the
 * GraphQL request, straight from the four subgraphs' tables. No service may do this (each owns its
 * schema); the benchmark does it to show what the federation layers cost on top of the data itself.
 */
export interface Floor {
  /** The statement, with `$1` for the operation's variable named `variable`. */
  statement: string;
  variable: string;
  /** What a GraphQL answer and the statement's row must agree on, to prove they return the same data. */
  digest: (data: unknown) => string;
}

/** The profile request (operations.ts PROFILE) as one statement, in the same orders and page sizes. */
const PROFILE_FLOOR = `
select json_build_object(
  'id', o.id, 'name', o.name, 'sector', o.sector, 'legalForm', o.legal_form,
  'territory', (select json_build_object('name', t.name, 'parent', (select json_build_object('name', p.name)
      from organisations.territory p where p.code = t.parent_code))
    from organisations.territory t where t.code = o.territory_code),
  'identifiers', coalesce((select json_agg(json_build_object('scheme', i.scheme, 'value', i.value) order by i.scheme)
    from organisations.organisation_identifier i where i.organisation_id = o.id), '[]'),
  'memberships', coalesce((select json_agg(json_build_object('role', m.role, 'partnership', json_build_object('name', p.name))
      order by p.name, p.id, case m.role when 'LEAD_PARTNER' then 0 when 'COORDINATION_TEAM' then 1 else 2 end, m.joined_on nulls last, m.id)
    from partnerships.membership m join partnerships.partnership p on p.id = m.partnership_id where m.organisation_id = o.id), '[]'),
  'events', json_build_object(
    'totalCount', (select count(*) from events.event_organiser eo where eo.organisation_id = o.id),
    'edges', coalesce((select json_agg(json_build_object('node', json_build_object('title', e.title, 'startsAt', e.starts_at,
        'venue', json_build_object('territory', (select json_build_object('name', vt.name) from organisations.territory vt where vt.code = e.venue_territory_code)))))
      from (select e.* from events.event e join events.event_organiser eo on eo.event_id = e.id
            where eo.organisation_id = o.id order by e.starts_at nulls last, e.id limit 5) e), '[]')),
  'grants', coalesce((select json_agg(json_build_object('title', g.title,
        'amountAwarded', json_build_object('amount', g.amount_awarded::text, 'currency', g.currency),
        'fundingSources', coalesce((select json_agg(json_build_object('funder', json_build_object('name', f.name)) order by s.position)
          from funding.grant_funding_source s join funding.funder f on f.id = s.funder_id where s.grant_id = g.id), '[]'))
      order by g.starts_on desc nulls last, g.id)
    from (select g.* from funding.grant_award g where g.recipient_id = o.id
          union all
          select g.* from funding.grant_partner gp join funding.grant_award g on g.id = gp.grant_id where gp.organisation_id = o.id) g), '[]'),
  'cooperatesWith', (with shared as (
      select theirs.organisation_id as other_id,
        (count(*) filter (where mine.kind = 'PARTNERSHIP'))::int as partnerships,
        (count(*) filter (where mine.kind = 'GRANT'))::int as grants,
        (count(*) filter (where mine.kind = 'EVENT'))::int as events,
        count(*) as total
      from organisations.cooperation_link mine
      join organisations.cooperation_link theirs
        on theirs.kind = mine.kind and theirs.source_id = mine.source_id and theirs.organisation_id <> mine.organisation_id
      where mine.organisation_id = o.id group by theirs.organisation_id)
    select json_build_object('totalCount', (select count(*) from shared),
      'edges', coalesce((select json_agg(json_build_object('node', json_build_object('partnerships', s.partnerships, 'grants', s.grants,
          'events', s.events, 'organisation', json_build_object('name', other.name))) order by s.total desc, s.other_id)
        from (select * from shared order by total desc, other_id limit 5) s
        join organisations.organisation other on other.id = s.other_id), '[]')))
) as data
from organisations.organisation o where o.id = $1`;

interface ProfileData {
  organisation: {
    name: string;
    identifiers: { value: string }[];
    memberships: { partnership: { name: string } }[];
    events: { totalCount: number; edges: { node: { title: string } }[] };
    grants: { title: string; fundingSources: unknown[] }[];
    cooperatesWith: { totalCount: number; edges: { node: { organisation: { name: string } | null } }[] };
  };
}

/** Names, numbers and titles in order: equal for the gateway's answer and the statement's row. */
function profileDigest(data: unknown): string {
  const o = (data as ProfileData).organisation;
  return JSON.stringify([
    o.name,
    o.identifiers.map((i) => i.value),
    o.memberships.map((m) => m.partnership.name),
    o.events.totalCount,
    o.events.edges.map((e) => e.node.title),
    o.grants.map((g) => [g.title, g.fundingSources.length]),
    o.cooperatesWith.totalCount,
    o.cooperatesWith.edges.map((e) => e.node.organisation?.name ?? null),
  ]);
}

export const FLOORS: Record<string, Floor> = {
  profile: { statement: PROFILE_FLOOR, variable: 'id', digest: profileDigest },
};

/** Latencies of the floor statement at the benchmark's concurrency, variables rotating as the gateway's requests do. */
export interface FloorMeasurement {
  requestsPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number };
  /** The statement returned the same data as our gateway for the first variable set. */
  sameDataAsOurs?: boolean;
}

export async function firstFloorAnswer(databaseUrl: string, floor: Floor, value: unknown): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(floor.statement, [value]);
    return floor.digest({ organisation: rows[0]?.data });
  } finally {
    await client.end();
  }
}

/**
 * Runs the statement from `connections` connections for `seconds` (each connection sends the next
 * variable set as soon as its answer arrives, like autocannon does over HTTP), after a warm-up.
 */
export async function measureFloor(
  databaseUrl: string,
  floor: Floor,
  values: unknown[],
  connections: number,
  seconds: number,
  warmupSeconds: number,
  percentile: (sorted: Float64Array, p: number) => number,
): Promise<Omit<FloorMeasurement, 'sameDataAsOurs'>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  let next = 0;
  const run = async (until: number, record?: number[]) => {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          // A named statement: prepared once per connection, as an ORM's driver would.
          await pool.query({ name: 'floor', text: floor.statement, values: [values[next++ % values.length]] });
          record?.push(performance.now() - started);
        }
      }),
    );
  };
  try {
    await run(performance.now() + warmupSeconds * 1000);
    const latencies: number[] = [];
    const started = performance.now();
    await run(started + seconds * 1000, latencies);
    const elapsed = (performance.now() - started) / 1000;
    const sorted = Float64Array.from(latencies).sort();
    const r = (n: number) => Math.round(n * 100) / 100;
    return {
      requestsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
      latencyMs: { p50: r(percentile(sorted, 50)), p97_5: r(percentile(sorted, 97.5)), p99: r(percentile(sorted, 99)) },
    };
  } finally {
    await pool.end();
  }
}
