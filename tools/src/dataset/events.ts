import { stableUuid } from '@ngo-hub/kit';
import { dayNumber, isoDay, warsawTimestamp, yearOf } from './calendar.js';
import { NULL, text, textArray } from './copy.js';
import { importedAt } from './organisations.js';
import { AUDIENCES, Random, STREETS, VENUES, eventTitle, slug, weighted } from '@ngo-hub/kit/synthetic';
import { STREAM, drawDistinct, type World } from './world.js';

export const EVENT_COLUMNS = [
  'id',
  'title',
  'description',
  'kind',
  'starts_at',
  'ends_at',
  'date_precision',
  'all_day',
  'duration_hours',
  'venue_name',
  'venue_street_address',
  'venue_postal_code',
  'venue_locality',
  'venue_territory_code',
  'partnership_id',
  'audience',
  'url',
  'status',
  'created_at',
  'updated_at',
  'source',
];
export const ORGANISER_COLUMNS = ['event_id', 'organisation_id', 'position'];

export const EVENT = 0;
export const ORGANISER = 1;

const KINDS = [
  ['WORKSHOP', 15],
  ['TRAINING', 14],
  ['CONFERENCE', 6],
  ['MEETING', 18],
  ['CONSULTATION', 5],
  ['FESTIVAL', 9],
  ['CULTURAL', 14],
  ['SPORTS', 11],
  ['STUDY_VISIT', 2],
  ['FORUM', 2],
  ['OTHER', 4],
] as const;

const FIRST_DAY = dayNumber(2016, 1, 1);
/** Events are planned this many days ahead of the day of the load, so "upcoming" is never empty. */
const AHEAD = 120;

/**
 * Rows of events.event (sink EVENT) and events.event_organiser (sink ORGANISER): from 2016 to four
 * months after the day of the load (`world.today`), one to three organisers (co-organisers mostly
 * from the same powiat, some from elsewhere in the voivodeship or the country), the venue in or near the first organiser's gmina; a tenth of the
 * events belong to a partnership and are organised by its members.
 */
export function* eventRows(world: World): Generator<[number, string]> {
  const random = new Random(world.seed, STREAM.events);
  const days = world.today + AHEAD - FIRST_DAY;
  const { geo, orgGmina, orgIds } = world;
  const everyone = Array.from({ length: orgIds.length }, (_, i) => i);
  const organisers: number[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < world.counts.events; i++) {
    const id = stableUuid(`national:event:${i}`);
    const count = weighted(random, [
      [1, 60],
      [2, 28],
      [3, 12],
    ] as const);
    organisers.length = 0;
    taken.clear();
    let partnershipId: string | null = null;
    if (world.livePartnerships.length > 0 && random.chance(0.1)) {
      const plan = world.partnerships[random.pick(world.livePartnerships)]!;
      partnershipId = plan.id;
      organisers.push(plan.members[0]!);
      taken.add(plan.members[0]!);
      drawDistinct(random, Math.min(count, plan.active.length), [plan.active], taken, organisers);
    } else {
      const first = random.int(orgIds.length);
      organisers.push(first);
      taken.add(first);
      const gmina = geo.gminas[orgGmina[first]!]!;
      while (organisers.length < count) {
        const where = random.float();
        const pool =
          where < 0.7
            ? world.orgsByPowiat[gmina.powiat]!
            : where < 0.9
              ? world.orgsByVoivodeship[gmina.voivodeship]!
              : everyone;
        const before = organisers.length;
        drawDistinct(random, organisers.length + 1, [pool, everyone], taken, organisers);
        if (organisers.length === before) break;
      }
    }
    const home = geo.gminas[orgGmina[organisers[0]!]!]!;
    const venue = random.chance(0.85) ? home : geo.gminas[random.pick(geo.powiats[home.powiat]!.gminas)]!;
    const kind = weighted(random, KINDS);
    const day = FIRST_DAY + random.int(days);
    const year = yearOf(day);
    const precision = weighted(random, [
      ['TIME', 87],
      ['DAY', 10],
      ['MONTH', 3],
    ] as const);
    let startsAt: string;
    let endsAt: string = NULL;
    let durationHours: string = NULL;
    if (precision === 'TIME') {
      const hour = 8 + random.int(12);
      const minute = random.chance(0.7) ? 0 : 30;
      const length = 1 + random.int(Math.min(8, 23 - hour));
      startsAt = warsawTimestamp(day, hour, minute);
      endsAt = warsawTimestamp(day, hour + length, minute);
      if (kind === 'TRAINING' || kind === 'WORKSHOP') durationHours = String(length);
    } else if (precision === 'DAY') {
      startsAt = warsawTimestamp(day, 0, 0);
      endsAt = warsawTimestamp(day + random.int(3), 23, 59, ':59.999');
    } else {
      const first = dayNumber(year, Number(isoDay(day).slice(5, 7)), 1);
      startsAt = warsawTimestamp(first, 0, 0);
    }
    const status = weighted(random, [
      ['CONFIRMED', 95],
      ['TENTATIVE', 2],
      ['CANCELLED', 3],
    ] as const);
    const audience: string[] = [];
    for (let k = random.int(3); k > 0; k--) {
      const a = random.pick(AUDIENCES);
      if (!audience.includes(a)) audience.push(a);
    }
    const name = eventTitle(random, kind, year, venue.name);
    const description = random.chance(0.4)
      ? `${random.pick(['Serdecznie zapraszamy', 'Zapraszamy', 'Organizatorzy zapraszają'])} ${audience.length ? `(${audience.join(', ')}) ` : ''}do udziału. Wstęp wolny.`
      : null;
    const url = random.chance(0.2)
      ? `https://wydarzenia.ngo-hub.pl/${year}/${slug(name).slice(0, 50)}-${i.toString(36)}`
      : null;
    const created = importedAt(i);
    yield [
      EVENT,
      [
        id,
        text(name),
        text(description),
        kind,
        startsAt,
        endsAt,
        precision,
        precision === 'TIME' ? 'f' : 't',
        durationHours,
        random.chance(0.7) ? text(random.pick(VENUES)) : NULL,
        random.chance(0.5) ? `ul. ${random.pick(STREETS)} ${1 + random.int(60)}` : NULL,
        venue.postalCode,
        text(venue.name),
        venue.code,
        partnershipId ?? NULL,
        textArray(audience),
        text(url),
        status,
        created,
        created,
        'SYNTHETIC',
      ].join('\t'),
    ];
    for (let k = 0; k < organisers.length; k++) yield [ORGANISER, `${id}\t${orgIds[organisers[k]!]}\t${k}`];
  }
}
