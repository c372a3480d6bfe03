import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { AppError } from './errors.js';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ObjectType({ description: 'Where a page of a Relay connection sits in the whole list.' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page (true whenever an `after` cursor was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item on this page; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, at most ${MAX_PAGE_SIZE}.`,
  })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` from a previous page).',
  })
  after?: string | null;
}

/** A page request after validation: the size, and the decoded keyset position to start after. */
export interface PageRequest {
  first: number;
  after: unknown[] | null;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Validates `first` and decodes `after`; both errors name their argument. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw AppError.badInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  if (args.after == null) return { first, after: null };
  try {
    const values: unknown = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 0) return { first, after: values };
  } catch {
    /* reported below */
  }
  throw AppError.badInput('after', 'after is not a cursor returned by this API');
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

/** What a connection resolver returns; `totalCount` is a getter, so it is counted only when asked for. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/**
 * Declares the Relay types `<Name>Connection` and `<Name>Edge` for a node type, so every list in
 * the hub has the same shape.
 */
export function connectionType<T extends object>(
  name: string,
  node: ClassType<T>,
  what: string,
): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => node, { description: `The ${what}.` })
    node!: T;

    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s on this page, each with its cursor.` })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s match, over all pages.` })
    totalCount!: Promise<number>;
  }
  return ConnectionType;
}

/**
 * Builds a page from `rows` fetched with `LIMIT first + 1` (the extra row tells whether a next page
 * exists). `cursorOf` returns the keyset values that order the list.
 */
export function toConnection<R, T>(
  rows: R[],
  page: PageRequest,
  cursorOf: (row: R) => unknown[],
  toNode: (row: R) => T,
  count: () => Promise<number>,
): Connection<T> {
  const visible = rows.slice(0, page.first);
  // Cursors are encoded only when the query selects them (most pages are read without them).
  const edges = visible.map((row) => ({
    node: toNode(row),
    get cursor() {
      return encodeCursor(cursorOf(row));
    },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    get totalCount() {
      return count();
    },
  };
}

/** Escapes `%`, `_` and `\` so user text is matched literally inside a LIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The longest search string accepted; longer ones are refused rather than scanned. */
export const MAX_SEARCH_LENGTH = 200;

/** Validates a free-text search argument; blank means "no search". */
export function searchText(value: string | null | undefined, field = 'filter.search'): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed.length > MAX_SEARCH_LENGTH)
    throw AppError.badInput(field, `search is limited to ${MAX_SEARCH_LENGTH} characters`);
  return trimmed.length === 0 ? null : trimmed;
}
