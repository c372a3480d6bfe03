import { HUB_ZONE } from '@ngo-hub/kit';

const format = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's civil date in Warsaw (YYYY-MM-DD): the day against which a membership is active. */
export function warsawToday(now = new Date()): string {
  return format.format(now);
}
