const WARSAW = 'Europe/Warsaw';
const DIGEST_HOUR = 7;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: WARSAW,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZoneName: 'longOffset',
});

/** Warsaw's calendar date of `at` and its UTC offset in minutes then. */
function warsawDay(at: Date): { y: number; m: number; d: number; offsetMinutes: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(p.timeZoneName ?? '');
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), offsetMinutes };
}

/** 07:00 in Warsaw on the given Warsaw calendar day (no DST change happens near 07:00). */
function sevenOn(y: number, m: number, d: number): Date {
  const guess = new Date(Date.UTC(y, m - 1, d, DIGEST_HOUR));
  return new Date(guess.getTime() - warsawDay(guess).offsetMinutes * 60_000);
}

/** When the next daily digest goes: the next 07:00 Europe/Warsaw strictly after `now`. */
export function nextDigestAt(now: Date = new Date()): Date {
  const { y, m, d } = warsawDay(now);
  const today = sevenOn(y, m, d);
  if (today.getTime() > now.getTime()) return today;
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1, 12));
  return sevenOn(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate());
}
