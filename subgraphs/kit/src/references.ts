import type { Db, Tx } from './orm.js';
import { AppError, type ErrorCode } from './errors.js';
import { isUuid } from './ids.js';
import { pgArrayLiteral } from './sql.js';
import { TOPICS, type InboxHandler, type InboxHandlers, type Topic } from './topics.js';

/**
 * References across subgraphs. A write that names another subgraph's entity (an event's organisers,
 * a membership's organisation, a grant's recipient) is checked against a replica of the ids that
 * owner has published, kept in the writer's own schema (`<schema>.known_id`) from the owner's
 * integration messages: never by reading the owner's tables, and with no call to it in the write path.
 *
 * The replica is fed by topics the owners publish for every entity anyway (state messages, one key
 * per entity): a key whose payload is not null exists, a null payload means it is gone. Delivery is pushed
 * before the owner's mutation answers, so an entity created through the API can be referred to
 * right after. Demo seeds and the national bulk loader write directly, without the check: seeds
 * refer to demo ids every subgraph derives alike (`demoOrganisationId`), and the loader fills the
 * replicas from the loaded tables like its other read models.
 */
export const REFERENCE_TOPICS = {
  organisation: TOPICS.organisationSeat,
  partnership: TOPICS.partnershipMembers,
  funder: TOPICS.funderKnown,
} as const satisfies Record<string, Topic>;

export type ReferenceKind = keyof typeof REFERENCE_TOPICS;

const LABEL: Record<ReferenceKind, string> = {
  organisation: 'Organisation',
  partnership: 'Partnership',
  funder: 'Funder',
};

/** Applies one topic's messages to `known_id` for `kind`: two statements per batch, whatever its size. */
function knownIdsHandler(schema: string, kind: ReferenceKind): InboxHandler {
  return async (tx, events) => {
    // The newest message per key; a key that is not a UUID cannot come from the owner and is ignored.
    const newest = new Map<string, (typeof events)[number]>();
    for (const e of events) {
      const key = e.key.toLowerCase();
      if (isUuid(key) && (newest.get(key)?.version ?? -1) < e.version) newest.set(key, e);
    }
    const gone = [...newest].filter(([, e]) => e.payload === null).map(([key]) => key);
    const present = [...newest].filter(([, e]) => e.payload !== null).map(([key]) => key);
    if (gone.length) {
      await tx.execute(`/* known_id.delete */ delete from ${schema}.known_id where kind = ? and id = any(?::uuid[])`, [
        kind,
        pgArrayLiteral(gone),
      ]);
    }
    if (present.length) {
      await tx.execute(
        `/* known_id.insert */ insert into ${schema}.known_id (kind, id) select ?, k from unnest(?::uuid[]) as k on conflict do nothing`,
        [kind, pgArrayLiteral(present)],
      );
    }
  };
}

/** The inbox handlers that keep `<schema>.known_id` for the given kinds. */
export function knownIdsHandlers(schema: string, kinds: readonly ReferenceKind[]): InboxHandlers {
  return Object.fromEntries(kinds.map((kind) => [REFERENCE_TOPICS[kind].name, knownIdsHandler(schema, kind)]));
}

/** Merges handler maps; a topic handled by several runs each of them, in order, in the same transaction. */
export function combineHandlers(...maps: InboxHandlers[]): InboxHandlers {
  const byTopic = new Map<string, InboxHandler<any>[]>();
  for (const map of maps)
    for (const [topic, handler] of Object.entries(map)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), handler]);
  return Object.fromEntries(
    [...byTopic].map(([topic, handlers]) => [
      topic,
      handlers.length === 1
        ? handlers[0]!
        : async (tx: Tx, events: Parameters<InboxHandler<any>>[1]) => {
            for (const handler of handlers) await handler(tx, events);
          },
    ]),
  );
}

/** One id a write refers to, and the input path it came from (`input.organiserIds.1`). */
export interface Reference {
  kind: ReferenceKind;
  id: string;
  field: string;
}

/** One refused value of an input, as listed in `extensions.problems` (same shape as `validateInput`'s). */
export interface InputProblem {
  field: string;
  message: string;
}

export function unknownReferenceProblem(what: string, id: string, field: string): InputProblem {
  return { field, message: `${what} ${id} does not exist` };
}

/** The references the replica does not know, as problems in the order given; one statement. */
export async function unknownReferences(
  db: Db,
  schema: string,
  references: readonly Reference[],
): Promise<InputProblem[]> {
  if (references.length === 0) return [];
  const rows: { kind: string; id: string }[] = await db.execute(
    `/* known_id.check */ select k.kind, k.id::text as id from ${schema}.known_id k
     join unnest(?::text[], ?::uuid[]) as r(kind, id) on r.kind = k.kind and r.id = k.id`,
    [pgArrayLiteral(references.map((r) => r.kind)), pgArrayLiteral(references.map((r) => r.id.toLowerCase()))],
  );
  const known = new Set(rows.map((r) => `${r.kind}:${r.id}`));
  return references
    .filter((r) => !known.has(`${r.kind}:${r.id.toLowerCase()}`))
    .map((r) => unknownReferenceProblem(LABEL[r.kind], r.id, r.field));
}

/**
 * Refuses a write that refers to things that do not exist: one error for all of them, `field` naming
 * the first and `extensions.problems` listing every one (as `validateInput` does for malformed input).
 */
export function refuseUnknownReferences(problems: readonly InputProblem[], code: ErrorCode = 'NOT_FOUND'): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more, see extensions.problems)` : '';
  throw new AppError(code, `${first.field}: ${first.message}${more}`, first.field, { problems });
}

/** Checks `references` against the replica and refuses the write if any is unknown. */
export async function assertReferencesExist(tx: Tx, schema: string, references: readonly Reference[]): Promise<void> {
  refuseUnknownReferences(await unknownReferences(tx, schema, references));
}

/** SQL condition: `column` (a uuid expression) is an id of `kind` the replica knows; for read paths. */
export function knownIdCondition(schema: string, kind: ReferenceKind, column: string): string {
  return `exists (select 1 from ${schema}.known_id k where k.kind = '${kind}' and k.id = ${column})`;
}
