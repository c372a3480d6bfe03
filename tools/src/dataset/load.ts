import pg from 'pg';
import {
  openDatabase,
  REFERENCE_TOPICS,
  TOPICS,
  topicsByName,
  type MikroORM,
  type SubgraphDefinition,
  type Topic,
  warsawToday,
} from '@ngo-hub/kit';
import { COOPERATION_KINDS, organisationsSubgraph, PAIRS_FROM_LINKS } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { eventsSubgraph } from '@ngo-hub/events';
import { accessSubgraph } from '@ngo-hub/access';
import { notificationsSubgraph } from '@ngo-hub/notifications';
import { fundingSubgraph } from '@ngo-hub/funding';
import { SUBGRAPHS as ROSTER, type SubgraphName } from '@ngo-hub/kit/roster';
import { dayNumber } from './calendar.js';
import { CopySink } from './copy.js';
import { EVENT_COLUMNS, ORGANISER_COLUMNS, eventRows } from './events.js';
import {
  BENEFICIARY_COLUMNS,
  CALL_COLUMNS,
  CALL_TERRITORY_COLUMNS,
  FUNDER_COLUMNS,
  FUNDING_SOURCE_COLUMNS,
  GRANT_COLUMNS,
  GRANT_PARTNER_COLUMNS,
  PROGRAMME_COLUMNS,
  funderRows,
  grantRows,
} from './funding.js';
import { IDENTIFIER_COLUMNS, ORGANISATION_COLUMNS, organisationRows } from './organisations.js';
import { MEMBERSHIP_COLUMNS, PARTNERSHIP_COLUMNS, partnershipRows } from './partnerships.js';
import { buildWorld, type World } from './world.js';

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  organisations: organisationsSubgraph,
  partnerships: partnershipsSubgraph,
  events: eventsSubgraph,
  funding: fundingSubgraph,
  access: accessSubgraph,
  notifications: notificationsSubgraph,
};
/** The roster's subgraphs, in its order. */
const SUBGRAPHS = ROSTER.map((name) => DEFINITIONS[name]);
export const SCHEMAS = SUBGRAPHS.map((s) => s.database.schema);

/**
 * Tables that are reference data, bookkeeping or the operators' own (keys, the audit trail, webhooks,
 * notice subscriptions), never truncated by `--reset`: replacing the data set must not lock portals out.
 */
const KEPT_TABLES = new Set([
  'organisations.territory',
  'access.api_key',
  'access.audit_entry',
  'notifications.webhook',
  'notifications.notice_subscription',
  ...SCHEMAS.flatMap((schema) => [`${schema}.schema_migrations`, `${schema}.data_version`]),
]);

/** The tables the loader writes, for which secondary indexes are set aside during the load. */
export const LOADED_TABLES = [
  'organisations.organisation',
  'organisations.organisation_identifier',
  'organisations.cooperation_link',
  'organisations.cooperation_pair',
  'organisations.cooperation_source',
  'partnerships.partnership',
  'partnerships.membership',
  'events.event',
  'events.event_organiser',
  'funding.grant_award',
  'funding.grant_partner',
  'funding.grant_funding_source',
  'funding.grant_beneficiary_territory',
  'funding.organisation_seat',
];

export interface LoadOptions {
  databaseUrl: string;
  scale: number;
  seed: number;
  /** `YYYY-MM-DD` the data set is dated against (upcoming events, open calls); Warsaw's today by default. */
  today?: string;
  /** Truncate the four subgraphs' data tables first; without it the tables must be empty. */
  reset?: boolean;
  /** Keep secondary indexes during the load instead of rebuilding them afterwards. */
  keepIndexes?: boolean;
  log?: (line: string) => void;
}

export interface LoadSummary {
  rows: Record<string, number>;
  phases: { name: string; seconds: number }[];
  totalSeconds: number;
}

interface SavedIndex {
  table: string;
  name: string;
  schema: string;
  definition: string;
}

type Phase = { tables: { table: string; columns: string[] }[]; rows: (world: World) => Generator<[number, string]> };

const PHASES: Record<string, Phase> = {
  organisations: {
    tables: [
      { table: 'organisations.organisation', columns: ORGANISATION_COLUMNS },
      { table: 'organisations.organisation_identifier', columns: IDENTIFIER_COLUMNS },
    ],
    rows: organisationRows,
  },
  partnerships: {
    tables: [
      { table: 'partnerships.partnership', columns: PARTNERSHIP_COLUMNS },
      { table: 'partnerships.membership', columns: MEMBERSHIP_COLUMNS },
    ],
    rows: partnershipRows,
  },
  events: {
    tables: [
      { table: 'events.event', columns: EVENT_COLUMNS },
      { table: 'events.event_organiser', columns: ORGANISER_COLUMNS },
    ],
    rows: eventRows,
  },
  funders: {
    tables: [
      { table: 'funding.funder', columns: FUNDER_COLUMNS },
      { table: 'funding.programme', columns: PROGRAMME_COLUMNS },
      { table: 'funding.call', columns: CALL_COLUMNS },
      { table: 'funding.call_eligible_territory', columns: CALL_TERRITORY_COLUMNS },
    ],
    rows: funderRows,
  },
  grants: {
    tables: [
      { table: 'funding.grant_award', columns: GRANT_COLUMNS },
      { table: 'funding.grant_partner', columns: GRANT_PARTNER_COLUMNS },
      { table: 'funding.grant_funding_source', columns: FUNDING_SOURCE_COLUMNS },
      { table: 'funding.grant_beneficiary_territory', columns: BENEFICIARY_COLUMNS },
    ],
    rows: grantRows,
  },
};

/** What `topic`'s publisher has recorded in its outbox, keys with a payload only (a null one derives nothing). */
const published = (topic: Topic) =>
  `select key, payload from ${topic.publisher}.outbox where topic = '${topic.name}' and payload is not null`;

/** organisations' cooperation inbox, in bulk: one link per source and organisation its payload names. */
const cooperationLinks = (
  name: keyof typeof COOPERATION_KINDS,
) => `insert into organisations.cooperation_link (kind, source_id, organisation_id)
  select distinct '${COOPERATION_KINDS[name]}', m.key::uuid, x.id::uuid
  from (${published(topicsByName.get(name)!)}) m, jsonb_array_elements_text(m.payload -> 'organisationIds') as x(id)`;

/** organisations' cooperation inbox, in bulk: each source's year, as its payload gives it. */
const cooperationSources = (name: keyof typeof COOPERATION_KINDS) =>
  `insert into organisations.cooperation_source (kind, source_id, year)
  select '${COOPERATION_KINDS[name]}', m.key::uuid, (m.payload ->> 'year')::smallint from (${published(topicsByName.get(name)!)}) m`;

/**
 * The read models subscribers derive from the owners' messages (kit's topics.ts), derived here from
 * the messages the owners' own `sync` step has just recorded in their outboxes: who takes part in
 * a partnership, grant or event is decided once, by the owner's code, for the loader as for a
 * running hub. Three lanes run at once.
 */
const READ_MODELS: string[][] = [
  [
    cooperationLinks(TOPICS.partnershipMembers.name),
    cooperationLinks(TOPICS.grantParticipants.name),
    cooperationSources(TOPICS.partnershipMembers.name),
    cooperationSources(TOPICS.grantParticipants.name),
    `insert into funding.organisation_seat (organisation_id, territory_code)
     select m.key::uuid, m.payload ->> 'territoryCode' from (${published(TOPICS.organisationSeat)}) m`,
  ],
  [cooperationLinks(TOPICS.eventOrganisers.name), cooperationSources(TOPICS.eventOrganisers.name)],
  // The replicas of known ids (kit's references.ts) that check writes, for every loaded subscriber the
  // registry lists as keeping them: without them every write naming a loaded entity would be refused.
  Object.entries(REFERENCE_TOPICS).flatMap(([kind, topic]) =>
    Object.entries(topic.subscribers)
      .filter(([schema, derives]) => 'known_id' in derives && SCHEMAS.includes(schema))
      .map(
        ([schema]) =>
          `insert into ${schema}.known_id (kind, id) select '${kind}', m.key::uuid from (${published(topic)}) m`,
      ),
  ),
];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Bulk load: no need to wait for the WAL flush at each commit; bigger sort memory for index builds;
  // parents and children are written together, so children need not touch their parents' updated_at.
  await client.query(
    `set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '64MB'; set ngo_hub.bulk_load = on`,
  );
  return client;
}

/** Runs `tasks` on `width` connections at once, each connection taking the next task when free. */
async function inParallel(url: string, width: number, tasks: string[]): Promise<void> {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      const client = await connect(url);
      try {
        for (let sql = queue.shift(); sql !== undefined; sql = queue.shift()) await client.query(sql);
      } finally {
        await client.end();
      }
    }),
  );
}

export async function loadNational(options: LoadOptions): Promise<LoadSummary> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const phases: { name: string; seconds: number }[] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    phases.push({ name, seconds });
    log(`${name}: ${seconds.toFixed(1)} s`);
    return result;
  };
  const url = options.databaseUrl;

  const today = options.today ?? warsawToday();
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const world = await timed('plan', async () => buildWorld(options.scale, options.seed, dayNumber(year, month, day)));
  log(`scale ${options.scale}, seed ${options.seed}, today ${today}: ${JSON.stringify(world.counts)}`);

  // Every schema is migrated by the subgraph's own definition, exactly as its service would; no demo data.
  const orms: MikroORM[] = [];
  await timed('migrate', async () => {
    for (const subgraph of SUBGRAPHS) orms.push(await openDatabase({ ...subgraph.database, databaseUrl: url }));
  });

  const admin = await connect(url);
  try {
    try {
      await timed(options.reset ? 'reset' : 'check empty', async () => {
        const { rows } = await admin.query<{ name: string }>(
          `select table_schema || '.' || table_name as name from information_schema.tables
           where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
          [SCHEMAS],
        );
        const tables = rows.map((r) => r.name).filter((t) => !KEPT_TABLES.has(t));
        if (options.reset) {
          await admin.query(`truncate ${tables.join(', ')}`);
          return;
        }
        for (const table of tables) {
          const { rowCount } = await admin.query(`select 1 from ${table} limit 1`);
          if (rowCount)
            throw new Error(`${table} is not empty: pass --reset to replace the data, or use a fresh database`);
        }
      });
      // The TERC register, which organisation seats reference, is loaded by the organisations subgraph's own sync.
      await timed('territories', () => organisationsSubgraph.sync!(orms[0]!));
    } finally {
      await Promise.all(orms.map((orm) => orm.close()));
    }

    let saved: SavedIndex[] = [];
    try {
      if (!options.keepIndexes) {
        saved = await timed('set indexes aside', async () => {
          const { rows } = await admin.query<SavedIndex>(
            `select i.schemaname || '.' || i.tablename as table, i.indexname as name, i.schemaname as schema, i.indexdef as definition
             from pg_indexes i
             join pg_namespace n on n.nspname = i.schemaname
             join pg_class c on c.relnamespace = n.oid and c.relname = i.indexname
             where i.schemaname || '.' || i.tablename = any($1)
               and not exists (select 1 from pg_constraint k where k.conindid = c.oid and k.contype in ('p', 'u', 'x'))
             order by i.schemaname, i.tablename, i.indexname`,
            [LOADED_TABLES],
          );
          for (const index of rows) log(`  drop ${index.schema}.${index.name}: ${index.definition}`);
          if (rows.length) await admin.query(rows.map((r) => `drop index ${r.schema}."${r.name}"`).join('; '));
          return rows;
        });
      }

      for (const [name, phase] of Object.entries(PHASES)) {
        await timed(`copy ${name}`, () => copyPhase(url, world, name, phase, log));
      }
      await timed('publish state', () => publishState(url));
      await timed('read models', () =>
        Promise.all(READ_MODELS.map((statements) => inParallel(url, 1, statements))).then(() => undefined),
      );
      await timed('cooperation pairs', () =>
        inParallel(url, 1, [
          `insert into organisations.cooperation_pair (level, kind, source_id, a, b) ${PAIRS_FROM_LINKS('true')}`,
        ]),
      );
      await timed('mark published', () =>
        inParallel(
          url,
          2,
          SCHEMAS.map((schema) => `update ${schema}.outbox set delivered_to = '{*}'`),
        ),
      );
    } finally {
      if (saved.length) {
        // Rebuilt even when the load failed, so the schema always ends with the migrations' indexes.
        await timed('rebuild indexes', () => rebuildIndexes(url, saved, admin));
      }
    }

    const small = ['funding.funder', 'funding.programme', 'funding.call', 'funding.call_eligible_territory'];
    await timed('analyze', () =>
      inParallel(
        url,
        2,
        [...LOADED_TABLES, ...small].map((t) => `analyze ${t}`),
      ),
    );
    const rows: Record<string, number> = {};
    for (const table of [...LOADED_TABLES, ...small]) {
      const {
        rows: [row],
      } = await admin.query<{ n: string }>(`select count(*) as n from ${table}`);
      rows[table] = Number(row!.n);
    }
    return { rows, phases, totalSeconds: (performance.now() - started) / 1000 };
  } finally {
    await admin.end();
  }
}

/**
 * Records each owner's current state in its outbox with each subgraph's own `sync` step (the same
 * code a service runs at start). The read models are then derived from these rows and the rows
 * marked `*`: already reflected everywhere, so the first start does not push every event and grant
 * of the country over HTTP only to rewrite what is already there. The owners' state statements
 * read through primary keys or grouped joins, so they run before the secondary indexes are back.
 */
async function publishState(url: string): Promise<void> {
  for (const subgraph of SUBGRAPHS) {
    const orm = await openDatabase({ ...subgraph.database, databaseUrl: url });
    try {
      await subgraph.sync?.(orm);
    } finally {
      await orm.close();
    }
  }
}

/** Largest tables first, two builds at a time (one per core); then checks every definition is back unchanged. */
async function rebuildIndexes(url: string, saved: SavedIndex[], admin: pg.Client): Promise<void> {
  const { rows: sizes } = await admin.query<{ name: string; bytes: string }>(
    `select n.nspname || '.' || c.relname as name, pg_relation_size(c.oid) as bytes from pg_class c
     join pg_namespace n on n.oid = c.relnamespace where n.nspname || '.' || c.relname = any($1)`,
    [LOADED_TABLES],
  );
  const size = new Map(sizes.map((r) => [r.name, Number(r.bytes)]));
  // GIN (trigram) builds are the slowest; start them first so the two lanes finish together.
  const cost = (i: SavedIndex) => (size.get(i.table) ?? 0) * (/using gin/i.test(i.definition) ? 4 : 1);
  const ordered = [...saved].sort((a, b) => cost(b) - cost(a));
  await inParallel(
    url,
    2,
    ordered.map((i) => i.definition),
  );
  const { rows } = await admin.query<{ schema: string; name: string; definition: string }>(
    'select schemaname as schema, indexname as name, indexdef as definition from pg_indexes where schemaname = any($1)',
    [SCHEMAS],
  );
  const now = new Map(rows.map((r) => [`${r.schema}.${r.name}`, r.definition]));
  for (const index of saved) {
    if (now.get(`${index.schema}.${index.name}`) !== index.definition)
      throw new Error(`index ${index.schema}.${index.name} was not restored as defined`);
  }
}

/**
 * One COPY per table of the phase, all open at once on their own connections, fed from one
 * generator. They are finished in the order given (parents before children): a child's foreign
 * keys are checked at the end of its COPY, when the parent rows are committed.
 */
async function copyPhase(
  url: string,
  world: World,
  name: string,
  phase: Phase,
  log: (line: string) => void,
): Promise<void> {
  const clients = await Promise.all(phase.tables.map(() => connect(url)));
  try {
    const sinks = phase.tables.map((t, k) => new CopySink(clients[k]!, t.table, t.columns));
    const main = sinks[0]!;
    const t0 = performance.now();
    let next = 100_000;
    for (const [k, line] of phase.rows(world)) {
      const pending = sinks[k]!.write(line);
      if (pending) await pending;
      if (main.rows >= next) {
        log(
          `  ${name}: ${main.rows.toLocaleString('en')} ${main.table} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
        next += next >= 500_000 ? 250_000 : 100_000;
      }
    }
    for (const sink of sinks) await sink.end();
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
