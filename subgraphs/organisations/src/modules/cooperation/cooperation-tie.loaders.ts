import type { Db } from '@ngo-hub/kit';
import {
  groupBySignature,
  manyByKey,
  objectKeyLoader,
  pageRequest,
  toConnection,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import type { CooperationKind } from './cooperation.inbox.js';
import { CooperationRepository, type TieScope } from './cooperation.repository.js';
import { sourceCursor } from './cooperation-tie.service.js';
import type { CooperationTie } from './cooperation-tie.type.js';

/** One tie's sources of one kind, one page: the key of the expansion loaders. */
export interface TieSourcesKey {
  kind: CooperationKind;
  a: string;
  b: string;
  scope: Pick<TieScope, 'level' | 'years'>;
  first: number;
  after: string | null;
}

const tieKey = (r: { a: string; b: string }) => `${r.a}/${r.b}`;

/**
 * The sources behind the ties of a request (`CooperationTie.partnerships/grants/events`): keys
 * asking the same kind, window and page share one statement for all their ties, and their totals
 * one grouped statement when asked for.
 */
export function createTieSourceLoaders(em: Db) {
  const repo = new CooperationRepository(em);
  const counts = objectKeyLoader<Omit<TieSourcesKey, 'first' | 'after'>, number>(async (keys) => {
    const found = new Map<string, number>();
    for (const [signature, group] of groupBySignature(keys, (k) => [k.kind, k.scope])) {
      const rows = await repo.tieSourceCounts(group[0]!.kind, group[0]!.scope, group);
      for (const row of rows) found.set(`${tieKey(row)}|${signature}`, row.n);
    }
    return keys.map((k) => found.get(`${tieKey(k)}|${JSON.stringify([k.kind, k.scope])}`) ?? 0);
  });
  const pages = objectKeyLoader<TieSourcesKey, Connection<{ id: string }>>(async (keys) => {
    const results = new Map<TieSourcesKey, Connection<{ id: string }>>();
    for (const group of groupBySignature(keys, (k) => [k.kind, k.scope, k.first, k.after]).values()) {
      const { kind, scope, first, after } = group[0]!;
      const page = { first, after: after ? [after] : null };
      const rows = await repo.tieSources(kind, scope, group, first, after);
      const byTie = manyByKey(group.map(tieKey), rows, tieKey);
      group.forEach((key, i) => {
        const connection = toConnection(
          byTie[i]!,
          page,
          (r) => [r.source_id],
          (r) => ({ id: r.source_id }),
          () => counts.load({ kind, a: key.a, b: key.b, scope }),
        );
        results.set(key, connection);
      });
    }
    return keys.map((k) => results.get(k)!);
  });
  return { tieSources: pages };
}

/** Validates the page arguments before they become a loader key (errors name `first` / `after`). */
export function tieSourcesKey(tie: CooperationTie, kind: CooperationKind, args: PageArgs): TieSourcesKey {
  const page = pageRequest(args);
  return { kind, a: tie.aCode, b: tie.bCode, scope: tie.scope, first: page.first, after: sourceCursor(page) };
}
