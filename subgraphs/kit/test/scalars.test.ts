import { DateTime } from 'luxon';
import { DateTimeScalar, HUB_ZONE, warsawIso } from '../src/scalars.js';

const byLuxon = (date: Date) => DateTime.fromJSDate(date).setZone(HUB_ZONE).toISO();

describe('DateTime output in Warsaw time', () => {
  it('writes what luxon writes, across DST changes, old rules and local mean time', () => {
    const instants = [
      '2026-03-29T00:59:59.999Z', // the last CET millisecond before summer time
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z',
      '1915-08-04T22:35:59.999Z', // Warsaw's local mean time (+01:24) ended mid-hour
      '1915-08-04T22:36:00.000Z',
      '1915-08-04T22:59:00.000Z',
      '1977-04-03T00:00:00.000Z',
      '2009-05-21T08:00:00.000Z',
      '1000-01-01T00:00:00.000Z',
      '9999-12-31T20:00:00.000Z',
      '0999-06-01T12:00:00.000Z',
    ].map((s) => new Date(s));
    // And every 37 minutes and 13.7 s over five years, so every hour bucket and both offsets are hit.
    for (let ms = Date.UTC(2022, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 2_233_700) instants.push(new Date(ms));
    for (const date of instants)
      expect([date.toISOString(), warsawIso(date)]).toEqual([date.toISOString(), byLuxon(date)]);
  });

  it('serializes a stored instant (a Date or its text) the same way', () => {
    expect(DateTimeScalar.serialize(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00.000+02:00');
    expect(DateTimeScalar.serialize('2026-01-01T10:00:00Z')).toBe('2026-01-01T11:00:00.000+01:00');
  });
});
