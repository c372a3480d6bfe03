import { GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { DateTime as Luxon } from 'luxon';
import { AppError } from './errors.js';

/** The hub's civil time zone: every date-time is shown with Warsaw's offset (CET/CEST). */
export const HUB_ZONE = 'Europe/Warsaw';

const warsawDate = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today's civil date in Warsaw (YYYY-MM-DD): "open", "active" and "not in the future" are judged by
 * the date people see in Poland, not the server's. Built from the parts, not `format()`, because
 * the en-CA pattern is locale data that ICU has changed before.
 */
export function warsawToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(warsawDate.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw AppError.badInput('DateTime', 'a DateTime is an ISO 8601 string');
  const parsed = Luxon.fromISO(value, { zone: HUB_ZONE, setZone: true });
  if (!parsed.isValid) throw AppError.badInput('DateTime', `"${value.slice(0, 40)}" is not an ISO 8601 date-time`);
  return parsed.toJSDate();
}

/**
 * ISO 8601 date-time rendered in Europe/Warsaw (`2009-05-21T10:00:00.000+02:00`). Input without an
 * offset is read as Warsaw time, so a portal can send what its users see on the wall clock.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time with the Europe/Warsaw offset, e.g. 2009-05-21T10:00:00.000+02:00. Input without an offset is read as Warsaw time.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    return Luxon.fromJSDate(date).setZone(HUB_ZONE).toISO()!;
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** A calendar date without time or zone (`2021-06-07`). */
export const LocalDateScalar = LocalDateResolver;

const DECIMAL = /^-?\d{1,15}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw AppError.badInput('Decimal', 'a Decimal is a string with up to 15 digits and 2 decimal places, e.g. "125000.50"');
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
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});
