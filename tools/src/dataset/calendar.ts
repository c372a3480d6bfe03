/** Day arithmetic on day numbers (days since 2000-01-01, UTC) and Warsaw's UTC offset, without a time-zone library. */

const DAY0 = Date.UTC(2000, 0, 1);
const MS_PER_DAY = 86_400_000;
const isoCache: string[] = [];

export function dayNumber(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - DAY0) / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number (cached: the data set uses a few thousand distinct days). */
export function isoDay(n: number): string {
  isoCache[n] ??= new Date(DAY0 + n * MS_PER_DAY).toISOString().slice(0, 10);
  return isoCache[n];
}

export function yearOf(n: number): number {
  return Number(isoDay(n).slice(0, 4));
}

function lastSunday(year: number, month: number): number {
  const last = dayNumber(year, month + 1, 0);
  const weekday = new Date(DAY0 + last * MS_PER_DAY).getUTCDay();
  return last - weekday;
}

const switches = new Map<number, [number, number]>();

/**
 * Europe/Warsaw's offset at local `hour` of day `n`: summer time (+02) from the last Sunday of
 * March 02:00 to the last Sunday of October 03:00 local time, else +01.
 */
export function warsawOffset(n: number, hour: number): string {
  const year = yearOf(n);
  let s = switches.get(year);
  if (!s) {
    s = [lastSunday(year, 3), lastSunday(year, 10)];
    switches.set(year, s);
  }
  const [spring, autumn] = s;
  const summer = (n > spring || (n === spring && hour >= 3)) && (n < autumn || (n === autumn && hour < 3));
  return summer ? '+02' : '+01';
}

/** A timestamptz literal for Warsaw local time `hh:mm:ss` on day `n`. */
export function warsawTimestamp(n: number, hour: number, minute: number, rest = ':00'): string {
  return `${isoDay(n)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}${rest}${warsawOffset(n, hour)}`;
}
