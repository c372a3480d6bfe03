/**
 * Polish-aware search and ordering, the same SQL on a PostgreSQL server and on PGlite (which has no
 * ICU collations). Each subgraph creates these functions in its OWN schema from a migration, so no
 * subgraph depends on another's database objects.
 */

/** Polish alphabet order; ą follows a, ł follows l, ż comes last. */
const POLISH_ORDER = 'aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż';
/**
 * Consecutive ASCII letters that sort like POLISH_ORDER under `COLLATE "C"`: A…Z then a…i.
 * Digits, spaces and punctuation are below 'A' and keep their place; letters outside the Polish
 * alphabet (ä, é, …) sort after every Polish letter.
 */
const ORDER_KEYS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi';

/**
 * The SQL functions search and ordering use, for a migration of `schema`:
 * - `f_unaccent(text)`: IMMUTABLE wrapper of `unaccent` so expression indexes may use it;
 * - `f_search_text(text)`: lower-cased, without diacritics (`Ł` → `l`): what search matches;
 * - `f_polish_key(text)`: a sort key that orders by the Polish alphabet under `COLLATE "C"`.
 */
export function polishSqlFunctions(schema: string): string[] {
  return [
    `create or replace function ${schema}.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`,
    `create or replace function ${schema}.f_search_text(text) returns text
      language sql immutable parallel safe strict
      as $$ select lower(${schema}.f_unaccent($1)) $$`,
    `create or replace function ${schema}.f_polish_key(text) returns text
      language sql immutable parallel safe strict
      as $$ select translate(lower($1), '${POLISH_ORDER}', '${ORDER_KEYS}') $$`,
  ];
}

/** The same ordering in JavaScript, for tests that compare SQL order with an independent one. */
export function polishCompare(a: string, b: string): number {
  return a.localeCompare(b, 'pl', { sensitivity: 'base', ignorePunctuation: false });
}

/**
 * A typo matches when pg_trgm's `word_similarity` reaches its default threshold (0.6): the `<%`
 * operator applies it and, unlike a comparison with a literal, can use the trigram index.
 */

export interface SearchSql {
  /** Matches a substring of the normalised text, or a word within a typo's distance. */
  where: string;
  /** Relevance in [0, 1]: 1 for an exact substring, the trigram word similarity otherwise. */
  rank: string;
  whereParams: string[];
  rankParams: string[];
}

/**
 * Search over `indexed`, an expression of the form `<schema>.f_search_text(...)` that has a trigram
 * GIN index (`public.gin_trgm_ops`), so both the substring test and the typo test use the index.
 * `text` is the user's search, already trimmed and length-checked (see `searchText`).
 */
export function searchSql(schema: string, indexed: string, text: string): SearchSql {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    where: `(${indexed} like ${schema}.f_search_text(?) or ${schema}.f_search_text(?) operator(public.<%) ${indexed})`,
    whereParams: [pattern, text],
    rank: `(case when ${indexed} like ${schema}.f_search_text(?) then 1.0 else public.word_similarity(${schema}.f_search_text(?), ${indexed}) end)::float8`,
    rankParams: [pattern, text],
  };
}
