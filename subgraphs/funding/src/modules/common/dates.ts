import { HUB_ZONE } from '@ngo-hub/kit';

const warsawDate = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Warsaw (YYYY-MM-DD): a call is open by the date people see in Poland. */
export function warsawToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(warsawDate.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
