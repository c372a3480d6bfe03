import type { Db, Tx } from './orm.js';
import { writeOutbox, type IntegrationMessage } from './integration.js';
import type { SubgraphName } from './roster.js';

/**
 * The integration contract between subgraphs, in one place: every topic a subgraph publishes
 * through its outbox, the payload its messages carry, and what each subscriber derives from it in
 * its own tables (see integration.ts for how messages travel). A topic's name is written here and
 * nowhere else; code refers to it as `TOPICS.<entry>`.
 *
 * Messages carry state, one key per entity: the payload is the entity's current state, `null` that
 * it is gone (or, for an event, withdrawn). Publishers record with `recordOutbox`, which accepts only
 * their own topics with their payload type; subscribers give an `InboxHandlers` map keyed by topic.
 */

/** The organisations taking part in one partnership, grant or event: distinct ids, in a stable order. */
export interface ParticipantsPayload {
  organisationIds: string[];
  /**
   * The calendar year the cooperation belongs to, for analytics' year windows: a partnership's
   * `establishedOn`, an event's start (Warsaw time), a grant's `startsOn` (else `agreementSignedOn`).
   * Null or absent when unknown (messages recorded before it was added have none).
   */
  year?: number | null;
}

/** Where an organisation sits: a TERC code, or null when it has none. */
export interface SeatPayload {
  territoryCode: string | null;
}

/**
 * Public facts about a changed entity, for those told about changes (webhooks, e-mail notices):
 * what a subscriber filters on (the territory) and shows (a title, dates, a link). Never personal
 * data: a notice or a webhook body may go anywhere.
 */
export interface ChangeSummary {
  title?: string;
  /** TERC code the change belongs to (an event's venue, a call's area, a grant recipient's seat, an organisation's seat). */
  territoryCode?: string | null;
  status?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  opensOn?: string | null;
  closesOn?: string | null;
  url?: string | null;
  /** Related entities by hub id: `{ partnershipId, organisationId, funderId, membershipId }`. */
  related?: Record<string, string | null>;
}

/** One audit-trail entry: who changed what, when (audit.ts); with a summary, also what to tell subscribers. */
export interface AuditPayload {
  at: string;
  actor: { subject: string; name: string; role: string };
  operation: string;
  entityType: string;
  entityId: string;
  changedFields: string[];
  summary?: ChangeSummary;
}

/** A funder exists under this name. */
export interface FunderPayload {
  name: string;
}

/** One topic: its wire name, its publisher (`*`: every subgraph), and per subscriber the read models (its own tables) it keeps from it, and why. */
export interface TopicSpec<P = unknown> {
  readonly name: string;
  readonly publisher: string;
  readonly subscribers: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Type only (never set): the payload of the topic's messages. */
  readonly payload?: P;
}

const topic =
  <P>() =>
  <const T extends Omit<TopicSpec, 'payload'>>(spec: T): T & { readonly payload?: P } =>
    spec;

export const TOPICS = {
  /** Every organisation's seat, from its creation on; null once the organisation is gone. */
  organisationSeat: topic<SeatPayload>()({
    name: 'organisation.seat',
    publisher: 'organisations',
    subscribers: {
      funding: {
        organisation_seat: 'where each grant recipient sits, for fundingFlows by territory',
        known_id: 'which organisations a grant may name',
      },
      events: { known_id: 'which organisations an event may name as organisers' },
      partnerships: { known_id: 'which organisations may become members' },
      access: { known_id: 'which organisations an API key may be bound to' },
    },
  }),
  /**
   * Every partnership's active members (no `leftOn`, or one after Warsaw's today), from its creation
   * on. A passed `leftOn` changes the set without a write: the publisher's start re-records stale sets.
   */
  partnershipMembers: topic<ParticipantsPayload>()({
    name: 'partnership.members',
    publisher: 'partnerships',
    subscribers: {
      organisations: { cooperation_link: 'PARTNERSHIP cooperation between the members (and cooperation_pair from it)' },
      events: { known_id: 'which partnerships an event may belong to' },
      funding: { known_id: 'which partnerships a grant may name' },
      access: { known_id: 'which partnerships an API key may be bound to' },
    },
  }),
  /** Every event's organisers in their order; null for a cancelled event, which is no cooperation. */
  eventOrganisers: topic<ParticipantsPayload>()({
    name: 'event.organisers',
    publisher: 'events',
    subscribers: {
      organisations: { cooperation_link: 'EVENT cooperation between the organisers (and cooperation_pair from it)' },
    },
  }),
  /** Every grant's recipient, then its partners in their order. */
  /** Every funder, from its creation on; null once it is gone. */
  funderKnown: topic<FunderPayload>()({
    name: 'funder.known',
    publisher: 'funding',
    subscribers: { access: { known_id: 'which funders an API key may be bound to' } },
  }),
  /**
   * Every successful write's audit entry, recorded in the write's own transaction by whichever subgraph
   * owns the data; one key per entry (never changed afterwards). The outbox keeps the publisher's copy.
   */
  auditEntry: topic<AuditPayload>()({
    name: 'audit.entry',
    publisher: '*',
    subscribers: {
      access: { audit_entry: 'the audit trail, read through auditLog' },
      notifications: { job: 'webhook deliveries and e-mail notices of the changes with a summary' },
    },
  }),
  grantParticipants: topic<ParticipantsPayload>()({
    name: 'grant.participants',
    publisher: 'funding',
    subscribers: {
      organisations: {
        cooperation_link: 'GRANT cooperation between recipient and partners (and cooperation_pair from it)',
      },
    },
  }),
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export type TopicName = Topic['name'];
/** A subgraph that publishes at least one topic of its own (`*` topics are everyone's). */
export type Publisher = Exclude<Topic['publisher'], '*'> | SubgraphName | 'access';
/** The topics `S` publishes. */
export type TopicOf<S extends Publisher> = Extract<Topic, { publisher: S | '*' }>;
export type PayloadOf<T extends Topic> = NonNullable<T['payload']>;

/** Applies newer messages of one topic to the subscriber's own tables, in the caller's transaction. */
export type InboxHandler<T extends Topic = Topic> = (
  tx: Tx,
  messages: IntegrationMessage<PayloadOf<T>>[],
) => Promise<void>;

/** A subscriber's handlers, keyed by registry topic; each gets its topic's payload type. */
export type InboxHandlers = { [T in Topic as T['name']]?: InboxHandler<T> };

/** Every registry topic, by wire name. */
export const topicsByName: ReadonlyMap<string, Topic> = new Map(Object.values(TOPICS).map((t) => [t.name, t]));

/** The names of the topics `subscriber` derives something from, per the registry. */
export function topicsSubscribedBy(subscriber: string): TopicName[] {
  return Object.values(TOPICS)
    .filter((t) => subscriber in t.subscribers)
    .map((t) => t.name);
}

/**
 * Records the new state of `key` in the publisher's outbox (schema `publisher`, as every subgraph's
 * schema is its name); call it inside the transaction that changed it. Only the publisher's own
 * topics, with their payload type; `null` says the keyed thing is gone.
 */
export async function recordOutbox<S extends Publisher, T extends TopicOf<S>>(
  tx: Tx,
  publisher: S,
  topic: T,
  key: string,
  payload: PayloadOf<T> | null,
): Promise<void> {
  assertOwner(publisher, topic);
  await writeOutbox(tx, publisher, topic.name, key, payload);
}

/** The types already refuse it; this catches untyped callers before anything is written. */
function assertOwner(publisher: string, topic: Topic): void {
  if (topic.publisher !== publisher && topic.publisher !== '*')
    throw new Error(`${publisher} cannot publish ${topic.name}, which ${topic.publisher} owns`);
}

/**
 * Records, in one statement, the state of every key of `state` that has none in the outbox yet
 * (rows from before the outbox existed, seeded or bulk-loaded ones). `state` is the owner's SQL for
 * the topic's current state, one row per key with columns `key` (uuid or text) and `payload` (jsonb); the
 * bulk loader derives the subscribers' read models from what this records.
 */
export async function recordMissingOutbox<S extends Publisher, T extends TopicOf<S>>(
  db: Db,
  publisher: S,
  topic: T,
  state: string,
  params: unknown[] = [],
  upToDate = 'true',
): Promise<void> {
  assertOwner(publisher, topic);
  // `upToDate` (SQL over the recorded `x.payload`) re-records keys recorded in an older payload shape.
  await db.execute(
    `/* outbox.recordMissing ${topic.name} */ insert into ${publisher}.outbox (topic, key, payload, version)
     select ?, s.key::text, s.payload, nextval('${publisher}.outbox_version')
     from (${state}) s
     where not exists (select 1 from ${publisher}.outbox x where x.topic = ? and x.key = s.key::text and ${upToDate})
     on conflict (topic, key) do update
       set payload = excluded.payload, version = excluded.version, recorded_at = now(), delivered_to = '{}'`,
    [topic.name, ...params, topic.name],
  );
}
