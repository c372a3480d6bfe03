import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { DateTime as Luxon } from 'luxon';
import { AppError } from './errors.js';

/** The hub's civil time zone: every date-time is shown with Warsaw's offset (CET/CEST). */
export const HUB_ZONE = 'Europe/Warsaw';

const warsawDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: HUB_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's civil date in Warsaw (YYYY-MM-DD): "open", "active" and "not in the future" are judged by
 * the date people see in Poland, not the server's. Built from the parts, not `format()`, because
 * the en-CA pattern is locale data that ICU has changed before.
 */
export function warsawToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(warsawDate.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Warsaw's date computed at the first call and kept after: one "today" for a whole request (every
 * row of a response judged on the same date), at no cost to requests that never ask for it.
 */
export function todayOnce(): () => string {
  let day: string | undefined;
  return () => (day ??= warsawToday());
}

// Scalar errors carry no `field`: where the value sits is named by kit's input.ts (argument path).
const badScalar = (message: string) => new AppError('BAD_USER_INPUT', message);

/**
 * For `parseLiteral`: graphql-js reports a thrown GraphQLError as it is (without the value's
 * location), but wraps a plain error with the value node, which is how the argument is named.
 */
type LiteralVariables = Parameters<GraphQLScalarType['parseLiteral']>[1];

export function literalParser<T>(parse: (ast: ValueNode, variables?: LiteralVariables) => T) {
  return (ast: ValueNode, variables?: LiteralVariables): T => {
    try {
      return parse(ast, variables);
    } catch (error) {
      throw new TypeError((error as Error).message);
    }
  };
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw badScalar('a DateTime is an ISO 8601 string');
  const parsed = Luxon.fromISO(value, { zone: HUB_ZONE, setZone: true });
  if (!parsed.isValid) throw badScalar(`"${value.slice(0, 40)}" is not an ISO 8601 date-time`);
  // Four-digit years only: a 5-digit or year-0 date is a typo, and PostgreSQL and JS disagree beyond.
  if (parsed.year < 1000 || parsed.year > 9999)
    throw badScalar(`"${value.slice(0, 40)}" is out of range (years 1000 to 9999)`);
  return parsed.toJSDate();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Warsaw's UTC offset (minutes) by UTC day, or by UTC hour on days it changes, for spans with one offset throughout. */
const offsetByDay = new Map<number, number>();
const offsetByHour = new Map<number, number>();
const offsetAt = (ms: number) => Luxon.fromMillis(ms, { zone: HUB_ZONE }).offset;

/** The offset of the span `[n × size, (n + 1) × size)` when it has one throughout, else null. */
function steadyOffset(cache: Map<number, number>, size: number, n: number): number | null {
  const known = cache.get(n);
  if (known !== undefined) return known;
  const start = offsetAt(n * size);
  if (offsetAt((n + 1) * size - 1) !== start) return null;
  if (cache.size >= 50_000) cache.clear();
  cache.set(n, start);
  return start;
}

// Changes fall on whole UTC hours since 1915 (local mean time ended mid-hour): those are looked up exactly.
function warsawOffsetMinutes(ms: number): number {
  return (
    steadyOffset(offsetByDay, DAY_MS, Math.floor(ms / DAY_MS)) ??
    steadyOffset(offsetByHour, HOUR_MS, Math.floor(ms / HOUR_MS)) ??
    offsetAt(ms)
  );
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `2009-05-21T10:00:00.000+02:00`, as luxon's `setZone(HUB_ZONE).toISO()` writes it, without a
 * luxon DateTime per value: that was a tenth of the events subgraph's CPU for a page of 50 events.
 * The offset is looked up once per UTC day (per hour on days it changes); years outside
 * 1000..9999 go through luxon.
 */
export function warsawIso(date: Date): string {
  const ms = date.getTime();
  const offset = warsawOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return Luxon.fromJSDate(date).setZone(HUB_ZONE).toISO()!;
  const abs = Math.abs(offset);
  return `${local.toISOString().slice(0, -1)}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * ISO 8601 date-time rendered in Europe/Warsaw (`2009-05-21T10:00:00.000+02:00`). Input without an
 * offset is read as Warsaw time, so a portal can send what its users see on the wall clock.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An ISO 8601 date-time with the Europe/Warsaw offset, e.g. 2009-05-21T10:00:00.000+02:00. Input without an offset is read as Warsaw time.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    return warsawIso(date);
  },
  parseValue: parseDateTime,
  parseLiteral: literalParser((ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined)),
});

/** A calendar date without time or zone (`2021-06-07`). */
export const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  parseLiteral: literalParser((ast, variables) => LocalDateResolver.parseLiteral(ast, variables)),
});

const DECIMAL = /^-?\d{1,15}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw badScalar('a Decimal is a string with up to 15 digits and 2 decimal places, e.g. "125000.50"');
  }
  return text;
}

/**
 * An exact decimal amount carried as a string ("125000.50") so no float ever rounds money.
 * Stored as PostgreSQL `numeric(17,2)`.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string with at most 2 decimal places, e.g. "125000.50".',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: literalParser((ast) =>
    parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
  ),
});
